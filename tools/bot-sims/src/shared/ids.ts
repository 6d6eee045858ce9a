import { randomBytes, randomUUID } from 'node:crypto';

export const newUuid = (): string => randomUUID();

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits (rejection sampling, so every character is equally likely). */
export function randomAlphanumeric(length: number): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248 && result.length < length) result += ALPHANUMERIC[byte % ALPHANUMERIC.length];
    }
  }
  return result;
}

export const newHexId = (bytes = 16): string => randomBytes(bytes).toString('hex');
