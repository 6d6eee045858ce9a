/** Field names whose values are secrets wherever they appear in a logged object. */
export const SECRET_FIELD_NAMES = [
  'password',
  'secret',
  'clientSecret',
  'genesysClientSecret',
  'webhookSecret',
  'webhookSecretPrevious',
  'botPlatformSecrets',
  'apiKey',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'jwt',
  'authorization',
  'SECRETS_KEYS',
  'DATABASE_URL',
  'REDIS_URL',
] as const;

/** Request and response headers that carry credentials (Genesys, bot platforms, admin API). */
export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-hub-signature-256', 'verify-token', 'x-api-key', 'proxy-authorization'] as const;

export const REDACTED = '[redacted]';

/**
 * pino `redact` paths: secret headers of logged requests and responses, and secret field names at the
 * top level and up to three levels deep (pino paths do not recurse, so depth is spelled out).
 */
export function redactionPaths(extraFieldNames: readonly string[] = []): string[] {
  const fields = [...SECRET_FIELD_NAMES, ...extraFieldNames];
  const headerPaths = SECRET_HEADERS.flatMap((header) => [`req.headers["${header}"]`, `res.headers["${header}"]`]);
  const fieldPaths = fields.flatMap((field) => [`["${field}"]`, `*["${field}"]`, `*.*["${field}"]`, `*.*.*["${field}"]`]);
  return [...headerPaths, ...fieldPaths];
}
