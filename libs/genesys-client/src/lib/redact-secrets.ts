const REDACTED = '[redacted]';

/** Replaces every occurrence of each secret (client secret, Basic credentials, bearer token) in `text`. */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets) {
    // Very short values would redact ordinary words; real secrets and tokens are long.
    if (secret && secret.length >= 4) result = result.split(secret).join(REDACTED);
  }
  return result;
}
