import { assertPublicUrl, type HostResolver, UnsafeUrlError } from '@genesys-bridge/platform-adapters';
import type { FieldProblem } from '@genesys-bridge/service-runtime';

/** The URL-valued fields of a connection as the registry stores it. */
export interface UrlBearingState {
  genesysApiBaseUrl: string | null;
  genesysLoginBaseUrl: string | null;
  botPlatformSettings: Record<string, unknown>;
}

/** `allowPrivateCallbackUrls: true` in a connection's settings lifts the SSRF check for that connection only. */
export function allowsPrivateUrls(settings: Record<string, unknown>): boolean {
  return settings['allowPrivateCallbackUrls'] === true;
}

/**
 * Every URL we would call on behalf of the tenant, by field path: the Genesys base URL overrides and every setting
 * whose name ends in `Url`, at any depth (`endpointBaseUrl`, `handoverNotices.…Url`, `targets.0.callbackUrl`).
 */
export function urlFields(state: UrlBearingState): Map<string, string> {
  const found = new Map<string, string>();
  if (state.genesysApiBaseUrl) found.set('genesysApiBaseUrl', state.genesysApiBaseUrl);
  if (state.genesysLoginBaseUrl) found.set('genesysLoginBaseUrl', state.genesysLoginBaseUrl);
  const visit = (value: unknown, path: string, key: string): void => {
    if (typeof value === 'string') {
      if (/Url$/.test(key)) found.set(path, value);
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, `${path}.${index}`, key));
    } else if (typeof value === 'object' && value !== null) {
      for (const [childKey, child] of Object.entries(value)) visit(child, `${path}.${childKey}`, childKey);
    }
  };
  for (const [key, value] of Object.entries(state.botPlatformSettings)) visit(value, `botPlatformSettings.${key}`, key);
  return found;
}

/**
 * SSRF check of the tenant-configured URLs (design.md §7): https only, and every address the host resolves to must
 * be public, unless the connection allows private URLs. Only URLs that are new or changed are resolved — an
 * unrelated change must not fail on a DNS hiccup — except when private URLs were allowed before and no longer
 * are: then every URL is checked again.
 */
export async function callbackUrlProblems(after: UrlBearingState, before: UrlBearingState | null, resolve?: HostResolver): Promise<FieldProblem[]> {
  const allowPrivate = allowsPrivateUrls(after.botPlatformSettings);
  const recheckAll = before !== null && allowsPrivateUrls(before.botPlatformSettings) && !allowPrivate;
  const previous = before ? urlFields(before) : new Map<string, string>();
  const problems: FieldProblem[] = [];
  for (const [path, url] of urlFields(after)) {
    if (!recheckAll && previous.get(path) === url) continue;
    try {
      await assertPublicUrl(url, { allowPrivate, resolve });
    } catch (error) {
      if (!(error instanceof UnsafeUrlError)) throw error;
      problems.push({ path, problems: [unsafeUrlMessage(error, url)] });
    }
  }
  return problems;
}

const ALLOW_HINT = 'set botPlatformSettings.allowPrivateCallbackUrls: true to allow it for this connection';

/** The guard's verdict in the registry's words (its own messages name the adapters' setting). Names the host only. */
function unsafeUrlMessage(error: UnsafeUrlError, url: string): string {
  const host = URL.canParse(url) ? new URL(url).host : '';
  switch (error.reason) {
    case 'invalid-url':
      return 'must be an absolute URL';
    case 'scheme':
      return `must use https (http is allowed only for private destinations; ${ALLOW_HINT})`;
    case 'private-address':
      return `${host} is a private, loopback or reserved address; ${ALLOW_HINT}`;
    case 'unresolvable':
      return `${host} does not resolve`;
  }
}
