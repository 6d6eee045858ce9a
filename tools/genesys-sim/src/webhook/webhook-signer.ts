import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Hub-Signature-256';

/**
 * Genesys' webhook signature (genesys-api.md §2.6): prefix + base64 (not hex) HMAC-SHA256 of the exact body
 * bytes, keyed with the integration's secret as UTF-8.
 */
export function signWebhookBody(rawBody: Buffer, secret: string, prefix = 'sha256='): string {
  return prefix + createHmac('sha256', Buffer.from(secret, 'utf8')).update(rawBody).digest('base64');
}
