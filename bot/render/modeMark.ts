/** Which money a message is about: paper exchange, Kiwoom's mock server, or the real account. */
export type BotMode = 'paper' | 'mock' | 'live';

/** The mark every preview and push starts with, so a real-money message is never mistaken for a trial. */
export function modeMark(mode: BotMode): string {
  return mode === 'paper' ? '[페이퍼]' : mode === 'mock' ? '[모의]' : '[실전]';
}
