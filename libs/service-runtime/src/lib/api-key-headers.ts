/** The header an API key may come in, besides `Authorization: Bearer <key>`. */
export const API_KEY_HEADER = 'x-api-key';
/** Longer than any key we issue or accept: never hashed, compared or looked up. */
export const MAX_PRESENTED_KEY_LENGTH = 512;

/** The keys a caller presented, from `Authorization: Bearer <key>` and `x-api-key: <key>` (at most one each). */
export function presentedApiKeys(headers: Readonly<Record<string, string | string[] | undefined>>): string[] {
  const keys: string[] = [];
  const authorization = headers['authorization'];
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) keys.push(authorization.replace(/^bearer\s+/i, '').trim());
  const apiKey = headers[API_KEY_HEADER];
  if (typeof apiKey === 'string') keys.push(apiKey.trim());
  return keys.filter((key) => key !== '' && key.length <= MAX_PRESENTED_KEY_LENGTH);
}
