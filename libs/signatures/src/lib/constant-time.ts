import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two strings in time that does not depend on where they differ.
 * Both sides are hashed first so inputs of different lengths never short-circuit
 * (`timingSafeEqual` throws on a length mismatch).
 */
export function constantTimeEqual(received: string, expected: string): boolean {
  const a = createHash('sha256').update(received, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && received.length === expected.length;
}

/** True when `received` equals any of the accepted values (current and previous secret during rotation). */
export function matchesAnySecret(received: string, accepted: readonly (string | undefined | null)[]): boolean {
  let matched = false;
  for (const candidate of accepted) {
    if (candidate && constantTimeEqual(received, candidate)) matched = true;
  }
  return matched;
}
