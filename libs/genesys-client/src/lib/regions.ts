/** Genesys Cloud regions: AWS region id → host domain (genesys-api.md §7, from the JS SDK's PureCloudRegionHosts). */
export const GENESYS_REGION_DOMAINS = {
  'us-east-1': 'mypurecloud.com',
  'us-east-2': 'use2.us-gov-pure.cloud',
  'us-west-2': 'usw2.pure.cloud',
  'ca-central-1': 'cac1.pure.cloud',
  'sa-east-1': 'sae1.pure.cloud',
  'mx-central-1': 'mxc1.pure.cloud',
  'eu-west-1': 'mypurecloud.ie',
  'eu-west-2': 'euw2.pure.cloud',
  'eu-central-1': 'mypurecloud.de',
  'eu-central-2': 'euc2.pure.cloud',
  'eusc-de-east-1': 'edee1.eusc-pure.cloud',
  'me-central-1': 'mec1.pure.cloud',
  'ap-south-1': 'aps1.pure.cloud',
  'ap-southeast-1': 'apse1.pure.cloud',
  'ap-southeast-2': 'mypurecloud.com.au',
  'ap-northeast-1': 'mypurecloud.jp',
  'ap-northeast-2': 'apne2.pure.cloud',
  'ap-northeast-3': 'apne3.pure.cloud',
} as const satisfies Record<string, string>;

export type GenesysRegion = keyof typeof GENESYS_REGION_DOMAINS;
export type GenesysDomain = (typeof GENESYS_REGION_DOMAINS)[GenesysRegion];

/** Base URLs without a trailing slash. The simulator serves both from one origin. */
export interface GenesysHosts {
  apiBaseUrl: string;
  loginBaseUrl: string;
}

/**
 * Resolves the API (`https://api.{domain}`) and OAuth (`https://login.{domain}`) base URLs (§7).
 * Accepts an AWS region id (`eu-west-1`), a domain (`mypurecloud.ie`), or explicit base URLs
 * (simulator and tests).
 */
export function resolveGenesysHosts(target: string | GenesysHosts): GenesysHosts {
  if (typeof target !== 'string') {
    return {
      apiBaseUrl: normaliseBaseUrl(target.apiBaseUrl, 'apiBaseUrl'),
      loginBaseUrl: normaliseBaseUrl(target.loginBaseUrl, 'loginBaseUrl'),
    };
  }
  const domain = findDomain(target.trim().toLowerCase());
  if (!domain) {
    const valid = Object.entries(GENESYS_REGION_DOMAINS).map(([region, d]) => `${region} (${d})`);
    throw new Error(`Unknown Genesys Cloud region "${target}". Use an AWS region id or its domain: ${valid.join(', ')}`);
  }
  return { apiBaseUrl: `https://api.${domain}`, loginBaseUrl: `https://login.${domain}` };
}

function findDomain(regionOrDomain: string): GenesysDomain | undefined {
  if (Object.hasOwn(GENESYS_REGION_DOMAINS, regionOrDomain)) {
    return GENESYS_REGION_DOMAINS[regionOrDomain as GenesysRegion];
  }
  return Object.values(GENESYS_REGION_DOMAINS).find((domain) => domain === regionOrDomain);
}

function normaliseBaseUrl(value: string, field: keyof GenesysHosts): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`Genesys ${field} must be an absolute http(s) URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`Genesys ${field} must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Genesys ${field} must not contain credentials, a query or a fragment`);
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
