import { GENESYS_REGION_DOMAINS, resolveGenesysHosts } from './regions';

/** Every row of genesys-api.md §7, copied verbatim. */
const REFERENCE_TABLE = `
| us-east-1 | mypurecloud.com |
| us-east-2 (FedRAMP) | use2.us-gov-pure.cloud |
| us-west-2 | usw2.pure.cloud |
| ca-central-1 | cac1.pure.cloud |
| sa-east-1 | sae1.pure.cloud |
| mx-central-1 | mxc1.pure.cloud |
| eu-west-1 | mypurecloud.ie |
| eu-west-2 | euw2.pure.cloud |
| eu-central-1 | mypurecloud.de |
| eu-central-2 | euc2.pure.cloud |
| eusc-de-east-1 (EU sovereign) | edee1.eusc-pure.cloud |
| me-central-1 | mec1.pure.cloud |
| ap-south-1 | aps1.pure.cloud |
| ap-southeast-1 | apse1.pure.cloud |
| ap-southeast-2 | mypurecloud.com.au |
| ap-northeast-1 | mypurecloud.jp |
| ap-northeast-2 | apne2.pure.cloud |
| ap-northeast-3 | apne3.pure.cloud |
`;

const referenceRows = REFERENCE_TABLE.trim()
  .split('\n')
  .map((line) => line.split('|').map((cell) => cell.trim()))
  .map(([, region, domain]) => [region.split(' ')[0], domain] as const);

describe('Genesys regions', () => {
  it('has exactly the regions and domains of the reference table', () => {
    expect(referenceRows).toHaveLength(18);
    expect(Object.entries(GENESYS_REGION_DOMAINS).sort()).toEqual([...referenceRows].sort());
  });

  it.each(referenceRows)('resolves %s and its domain %s to the api and login hosts', (region, domain) => {
    const expected = { apiBaseUrl: `https://api.${domain}`, loginBaseUrl: `https://login.${domain}` };
    expect(resolveGenesysHosts(region)).toEqual(expected);
    expect(resolveGenesysHosts(domain)).toEqual(expected);
  });

  it('ignores surrounding whitespace and letter case', () => {
    expect(resolveGenesysHosts(' EU-West-1 ')).toEqual({ apiBaseUrl: 'https://api.mypurecloud.ie', loginBaseUrl: 'https://login.mypurecloud.ie' });
  });

  it('rejects an unknown region and lists the valid values', () => {
    expect(() => resolveGenesysHosts('eu-north-9')).toThrow(/Unknown Genesys Cloud region "eu-north-9"/);
    expect(() => resolveGenesysHosts('eu-north-9')).toThrow(/eu-west-1 \(mypurecloud\.ie\).*ap-northeast-3 \(apne3\.pure\.cloud\)/);
    expect(() => resolveGenesysHosts('api.mypurecloud.ie')).toThrow(/Unknown Genesys Cloud region/);
    expect(() => resolveGenesysHosts('')).toThrow(/Unknown Genesys Cloud region/);
  });

  it('accepts explicit base URLs (simulator: one origin for login and API) and drops a trailing slash', () => {
    expect(resolveGenesysHosts({ apiBaseUrl: 'http://127.0.0.1:9090/', loginBaseUrl: 'http://127.0.0.1:9090' })).toEqual({
      apiBaseUrl: 'http://127.0.0.1:9090',
      loginBaseUrl: 'http://127.0.0.1:9090',
    });
    expect(resolveGenesysHosts({ apiBaseUrl: 'https://proxy.example/genesys/', loginBaseUrl: 'https://login.example' }).apiBaseUrl).toBe(
      'https://proxy.example/genesys',
    );
  });

  it('rejects base URLs that are not absolute http(s) URLs or that carry credentials or a query', () => {
    expect(() => resolveGenesysHosts({ apiBaseUrl: 'api.mypurecloud.ie', loginBaseUrl: 'https://login.mypurecloud.ie' })).toThrow(/apiBaseUrl/);
    expect(() => resolveGenesysHosts({ apiBaseUrl: 'https://api.mypurecloud.ie', loginBaseUrl: 'ftp://login' })).toThrow(/loginBaseUrl.*http/);
    expect(() => resolveGenesysHosts({ apiBaseUrl: 'https://u:p@api.example', loginBaseUrl: 'https://login.example' })).toThrow(/credentials/);
    expect(() => resolveGenesysHosts({ apiBaseUrl: 'https://api.example?x=1', loginBaseUrl: 'https://login.example' })).toThrow(/query/);
  });
});
