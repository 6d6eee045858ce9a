import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * SSRF guard for tenant-configured bot URLs (design.md §7): only https, and only hosts whose every address is public.
 * `allowPrivate` (an adapter's `allowPrivateNetworks`) lifts both rules, for bots on the same network and for tests.
 *
 * Two layers:
 * - `assertPublicUrl` resolves the host once; call it when a URL is configured, to give the admin a clear answer.
 * - `createGuardedLookup` is the `lookup` of the adapters' undici Agent (`connect.lookup`): it checks the addresses at
 *   the moment of connecting and hands exactly those addresses to the socket, so a DNS answer that changes between the
 *   check and the connection (DNS rebinding) cannot reach a private address. IP literals never reach a lookup, so
 *   `checkUrlStatically` refuses private literals before each request.
 */

export type UnsafeUrlReason = 'invalid-url' | 'scheme' | 'private-address' | 'unresolvable';

export class UnsafeUrlError extends Error {
  override readonly name = 'UnsafeUrlError';
  constructor(
    readonly reason: UnsafeUrlReason,
    message: string,
  ) {
    super(message);
  }
}

/** Resolves every address of a host name (the default is `dns.lookup` with `all: true`). */
export type HostResolver = (hostname: string, family?: number) => Promise<LookupAddress[]>;

export interface UrlGuardOptions {
  allowPrivate: boolean;
  /** Replaces `dns.lookup`, for tests. */
  resolve?: HostResolver;
}

/** The error code of a connection the guarded lookup refused. */
export const SSRF_BLOCKED = 'SSRF_BLOCKED';

const IPV4_RESERVED = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const;

const IPV6_RESERVED = [
  ['::', 96], // unspecified, loopback, IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo
  ['2001:db8::', 32],
  ['fc00::', 7], // unique-local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const;

const ipv4Reserved = new BlockList();
for (const [network, prefix] of IPV4_RESERVED) ipv4Reserved.addSubnet(network, prefix, 'ipv4');
const ipv6Reserved = new BlockList();
for (const [network, prefix] of IPV6_RESERVED) ipv6Reserved.addSubnet(network, prefix, 'ipv6');

/**
 * True for loopback, private, link-local, unique-local, CGNAT, multicast and other non-public ranges, IPv4 and IPv6.
 * IPv6 forms that embed an IPv4 address (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged
 * by that IPv4 address. Anything that is not an IP address counts as private (fail closed).
 */
export function isPrivateAddress(address: string): boolean {
  const plain = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const family = isIP(plain);
  if (family === 4) return ipv4Reserved.check(plain, 'ipv4');
  if (family !== 6) return true;
  const groups = ipv6Groups(plain);
  if (!groups) return true;
  const embedded = embeddedIpv4(groups);
  if (embedded) return isPrivateAddress(embedded);
  return ipv6Reserved.check(plain, 'ipv6');
}

/**
 * Synchronous part of the guard, run before every request: the URL parses, its scheme is https (or http when private
 * networks are allowed), and a literal IP host is public. Messages name the host only, never the path (it may carry a
 * URL token).
 */
export function checkUrlStatically(url: string | URL, allowPrivate: boolean): URL {
  let parsed: URL;
  try {
    parsed = typeof url === 'string' ? new URL(url) : url;
  } catch {
    throw new UnsafeUrlError('invalid-url', 'not an absolute URL');
  }
  if (parsed.protocol !== 'https:' && !(allowPrivate && parsed.protocol === 'http:')) {
    const allowed = allowPrivate ? 'https or http' : 'https (http only with allowPrivateNetworks)';
    throw new UnsafeUrlError('scheme', `${parsed.protocol.replace(/:$/, '')} URLs are refused for ${parsed.host}: use ${allowed}`);
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
    throw new UnsafeUrlError('private-address', `${parsed.host} is a private or reserved address (allowPrivateNetworks is off)`);
  }
  return parsed;
}

/** Full check for a configured URL: the static rules, then every address the host resolves to must be public. */
export async function assertPublicUrl(url: string | URL, options: UrlGuardOptions): Promise<URL> {
  const parsed = checkUrlStatically(url, options.allowPrivate);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (options.allowPrivate || isIP(host)) return parsed;
  let addresses: LookupAddress[];
  try {
    addresses = await (options.resolve ?? resolveAll)(host);
  } catch {
    throw new UnsafeUrlError('unresolvable', `${parsed.host} does not resolve`);
  }
  if (addresses.length === 0) throw new UnsafeUrlError('unresolvable', `${parsed.host} does not resolve`);
  if (addresses.some((entry) => isPrivateAddress(entry.address))) {
    throw new UnsafeUrlError('private-address', `${parsed.host} resolves to a private or reserved address (allowPrivateNetworks is off)`);
  }
  return parsed;
}

/**
 * A `net.connect` lookup that resolves like `dns.lookup` and fails with code `SSRF_BLOCKED` when any address of the
 * host is private. The socket then connects to the addresses this function checked, never to a second answer.
 */
export function createGuardedLookup(resolve: HostResolver = resolveAll): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, typeof options.family === 'number' ? options.family : undefined).then(
      (addresses) => {
        if (addresses.length === 0 || addresses.some((entry) => isPrivateAddress(entry.address))) {
          const refused = Object.assign(new Error(`${hostname} resolves to a private or reserved address`), { code: SSRF_BLOCKED });
          callback(refused, '', 0);
        } else if (options.all) {
          callback(null, addresses);
        } else {
          callback(null, addresses[0].address, addresses[0].family);
        }
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
}

function resolveAll(hostname: string, family?: number): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true, family: family ?? 0 }, (error, addresses) => (error ? reject(error) : resolve(addresses)));
  });
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part counts as two), or undefined. */
function ipv6Groups(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted[1].split('.').map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = parse(tail);
  const groups = tail === undefined ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
  return groups.length === 8 && groups.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? groups : undefined;
}

function embeddedIpv4(groups: number[]): string | undefined {
  const zeros = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  const quad = (high: number, low: number) => `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
  if (zeros(0, 5) && groups[5] === 0xffff) return quad(groups[6], groups[7]); // ::ffff:a.b.c.d
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zeros(2, 6)) return quad(groups[6], groups[7]); // NAT64
  if (groups[0] === 0x2002) return quad(groups[1], groups[2]); // 6to4
  return undefined;
}
