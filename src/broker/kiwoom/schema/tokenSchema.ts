import { z } from 'zod';

/**
 * au10001 answer. The token must be printable ASCII with no spaces: it goes into an HTTP header.
 * @see shared/reference/kiwoom-rest.md "Token"
 */
export const tokenSchema = z.looseObject({
  token: z.string().regex(/^[\x21-\x7e]+$/, { error: 'token must be printable ASCII without spaces' }),
  token_type: z.string().optional(),
  expires_dt: z.string(),
});

/** Parsed au10001 answer. */
export type TokenResponse = z.infer<typeof tokenSchema>;
