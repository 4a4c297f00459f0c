import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

// Webhook URLs are chosen by API clients, so a delivery must not become a way
// into the service's own network (SSRF): no loopback, private, link-local,
// carrier-grade NAT, cloud metadata or otherwise non-public address. The check
// runs at send time on every address the host resolves to, and the socket
// connects to the address that was checked (the lookup below is the one the
// connection uses), so a DNS answer that changes between check and connect
// (rebinding) cannot slip through. WEBHOOK_ALLOW_PRIVATE=true turns it off for
// tests and local development.
//
// Ranges: IANA IPv4/IPv6 special-purpose registries (RFC 6890 and updates).

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba's metadata 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, cloud metadata 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
] as const) {
  blocked.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID, …)
  ['2001:db8::', 32], // documentation
  ['fc00::', 7], // unique local (also AWS metadata fd00:ec2::254)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
] as const) {
  blocked.addSubnet(net, bits, 'ipv6');
}

/** The IPv4 address an IPv6 one carries (mapped, compatible, NAT64, 6to4), if any. */
function embeddedIPv4(ip: string): string | undefined {
  const lower = ip.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|::|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex) return hexPairToIPv4(hex[1]!, hex[2]!);
  const sixToFour = /^2002:([0-9a-f]{1,4}):([0-9a-f]{1,4}):/.exec(lower);
  if (sixToFour) return hexPairToIPv4(sixToFour[1]!, sixToFour[2]!);
  return undefined;
}

function hexPairToIPv4(hi: string, lo: string): string {
  const a = parseInt(hi, 16);
  const b = parseInt(lo, 16);
  return `${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
}

/** True for any address a webhook must not reach: loopback, private, link-local, metadata, reserved. */
export function isBlockedAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family !== 6) return true; // not an address at all: refuse rather than guess
  const v4 = embeddedIPv4(ip);
  if (v4 !== undefined) return isBlockedAddress(v4);
  return blocked.check(ip, 'ipv6');
}

export class BlockedAddressError extends Error {
  override name = 'BlockedAddressError';
  readonly code = 'EWEBHOOKBLOCKED';
}

/** A URL's host without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * What registration can tell without DNS: a literal private address or a
 * localhost name. Send time checks again, on the resolved addresses.
 */
export function registrationProblem(url: URL): string | undefined {
  const host = hostOf(url).toLowerCase();
  if (isIP(host)) return isBlockedAddress(host) ? `${host} is a private, loopback or reserved address` : undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return `${host} is the local machine`;
  return undefined;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for http(s).request / net.connect: resolves every address of
 * the host, refuses the lot if any one is blocked (an attacker's name may
 * answer a public and a private address and let happy-eyeballs pick), and
 * hands the connection exactly the checked addresses.
 */
export function guardedLookup(allowPrivate: boolean) {
  return (hostname: string, options: { family?: number | string; all?: boolean; hints?: number }, callback: LookupCallback) => {
    const family = options.family === 'IPv6' ? 6 : options.family === 'IPv4' ? 4 : Number(options.family ?? 0) as 0 | 4 | 6;
    dnsLookup(hostname, { all: true, family, ...(options.hints !== undefined && { hints: options.hints }) }, (err, addresses) => {
      if (err) return callback(err, options.all ? [] : '');
      const bad = allowPrivate ? undefined : addresses.find((a) => isBlockedAddress(a.address));
      if (bad) {
        return callback(new BlockedAddressError(`${hostname} resolves to ${bad.address}, a private, loopback or reserved address`), options.all ? [] : '');
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), options.all ? [] : '');
      if (options.all) return callback(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}
