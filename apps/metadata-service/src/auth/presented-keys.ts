import type { FastifyRequest } from 'fastify';

export const API_KEY_HEADER = 'x-api-key';

/** The keys the caller presented, from `Authorization: Bearer <key>` and `x-api-key: <key>` (at most one each). */
export function presentedKeys(headers: FastifyRequest['headers']): string[] {
  const keys: string[] = [];
  const authorization = headers.authorization;
  if (typeof authorization === 'string' && /^bearer\s+/i.test(authorization)) keys.push(authorization.replace(/^bearer\s+/i, '').trim());
  const apiKey = headers[API_KEY_HEADER];
  if (typeof apiKey === 'string') keys.push(apiKey.trim());
  // Bounded: a key longer than any we issue is no key, and never reaches the hash or the database.
  return keys.filter((key) => key !== '' && key.length <= 512);
}
