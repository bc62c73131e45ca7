import type { TradingMode } from '../../src/app/openAccount.ts';

/** The mark on every preview and push: paper, Kiwoom's mock server, or real money. */
export const MODE_LABEL: Readonly<Record<TradingMode, string>> = {
  paper: '[페이퍼]',
  mock: '[모의]',
  live: '[실전]',
};
