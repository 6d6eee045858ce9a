import { createHmac } from 'node:crypto';
import { constantTimeEqual } from './constant-time';

/** Header Genesys Open Messaging puts on every outbound webhook call. */
export const HUB_SIGNATURE_HEADER = 'x-hub-signature-256';
const PREFIX = 'sha256=';

/** `sha256=` + base64 HMAC-SHA256 of the raw body bytes — base64, not hex (genesys-api.md §2.6). */
export function signHubSignature(rawBody: Buffer | string, secret: string): string {
  return PREFIX + createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest('base64');
}

/**
 * Verifies an `X-Hub-Signature-256` header against the raw body with each accepted secret
 * (current and previous while rotating). The `sha256=` prefix is optional on input.
 */
export function verifyHubSignature(
  rawBody: Buffer | string,
  header: string | undefined,
  secrets: readonly (string | undefined | null)[],
): boolean {
  if (!header) return false;
  const received = header.trim().toLowerCase().startsWith(PREFIX) ? header.trim().slice(PREFIX.length) : header.trim();
  let valid = false;
  for (const secret of secrets) {
    if (!secret) continue;
    const expected = signHubSignature(rawBody, secret).slice(PREFIX.length);
    if (constantTimeEqual(received, expected)) valid = true;
  }
  return valid;
}
