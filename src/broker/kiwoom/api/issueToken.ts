import type { AxiosInstance } from 'axios';
import { InvalidResponseError } from '../../errors/InvalidResponseError.ts';
import { classifyKiwoomError } from '../classifyKiwoomError.ts';
import { postKiwoom } from '../postKiwoom.ts';
import type { SecretRedactor } from '../SecretRedactor.ts';
import { type TokenResponse, tokenSchema } from '../schema/tokenSchema.ts';
import { schemaProblems } from '../schema/wireFields.ts';
import { failureOf, toBrokerError } from '../toBrokerError.ts';

/** What au10001 needs. */
export interface TokenRequest {
  readonly baseUrl: string;
  readonly appKey: string;
  readonly secretKey: string;
  readonly timeoutMs: number;
}

const API_ID = 'au10001';
const PATH = '/oauth2/token';

/**
 * au10001: issues an access token for the app key. Sent on its own axios instance with no authorization header,
 * so a token problem can never loop back into itself. Throws a BrokerError on any failure (never the axios error,
 * which would carry the keys in its request body).
 * @see shared/reference/kiwoom-rest.md "Token"
 */
export async function issueToken(
  client: AxiosInstance,
  request: TokenRequest,
  redactor: SecretRedactor,
): Promise<TokenResponse> {
  const result = await postKiwoom(client, {
    path: `${request.baseUrl.replace(/\/+$/, '')}${PATH}`,
    apiId: API_ID,
    headers: {},
    body: { grant_type: 'client_credentials', appkey: request.appKey, secretkey: request.secretKey },
    timeoutMs: request.timeoutMs,
  });
  const ok =
    result.type === 'answer' && result.status >= 200 && result.status < 300 && result.envelope?.returnCode === 0;
  if (!ok) {
    const failure = failureOf(result, false);
    const kind =
      result.type === 'answer' && result.envelope === undefined && result.status < 300
        ? 'invalid'
        : classifyKiwoomError(failure);
    const facts = {
      apiId: API_ID,
      path: PATH,
      failure,
      returnMsg: result.type === 'answer' ? result.envelope?.returnMsg : undefined,
      reason: result.type === 'no-answer' ? result.reason : undefined,
      retryAfterMs: result.type === 'answer' ? result.retryAfterMs : undefined,
    };
    if (kind === 'invalid')
      throw new InvalidResponseError(`Kiwoom ${API_ID} (POST ${PATH}): answer is not a Kiwoom envelope`);
    throw toBrokerError(kind, facts, redactor);
  }
  const parsed = tokenSchema.safeParse(result.body);
  if (!parsed.success) {
    throw new InvalidResponseError(
      `Kiwoom ${API_ID} (POST ${PATH}): unexpected answer: ${schemaProblems(parsed.error)}`,
    );
  }
  return parsed.data;
}
