/**
 * The two error layers of every Kiwoom answer: `return_code` (a small category: 0 OK, 2 missing parameter, 3 auth,
 * 5 limit exceeded, 20 no data / refused) and a 4-digit message code inside `return_msg` (`...[8005:Token이...]`,
 * `[1634]`, `[2000](855056:...)`).
 * @see shared/reference/kiwoom-rest.md "Hosts and envelope"
 */
export interface KiwoomEnvelope {
  readonly returnCode: number;
  readonly returnMsg: string;
  /** The first `[NNNN` code in return_msg, when there is one. */
  readonly messageCode: string | undefined;
}

const MESSAGE_CODE = /\[(\d{4})(?=[:\]\s])/;

/** The 4-digit code in a Kiwoom message (`[1700:...]` -> "1700"), or undefined. */
export function extractMessageCode(message: string): string | undefined {
  return MESSAGE_CODE.exec(message)?.[1];
}

/**
 * Reads the envelope of a parsed JSON body. Returns undefined when the body is not a Kiwoom envelope (no
 * integer `return_code`), e.g. a Spring error page or a proxy's answer.
 */
export function readKiwoomEnvelope(body: unknown): KiwoomEnvelope | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const record = body as Record<string, unknown>;
  const returnCode = toReturnCode(record.return_code);
  if (returnCode === undefined) return undefined;
  const returnMsg = typeof record.return_msg === 'string' ? record.return_msg : '';
  return { returnCode, returnMsg, messageCode: extractMessageCode(returnMsg) };
}

function toReturnCode(raw: unknown): number | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw)) return raw;
  // Some stand-ins send it as a string; accept plain integers only.
  if (typeof raw === 'string' && /^-?\d{1,6}$/.test(raw.trim())) return Number.parseInt(raw.trim(), 10);
  return undefined;
}

/**
 * True for "nothing to list" answers (return_code 20 with a "no data" message and no 4-digit code). Some Kiwoom
 * list queries answer an empty result this way instead of an empty list; every other return_code 20 (e.g. 8104
 * "not offered on mock", order rejections) carries a code and stays an error.
 */
export function isNoDataAnswer(envelope: KiwoomEnvelope): boolean {
  return (
    envelope.returnCode === 20 &&
    envelope.messageCode === undefined &&
    /(조회|데이터|자료).{0,20}(없|존재하지)|no data/i.test(envelope.returnMsg)
  );
}
