import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Which proxies may say who the client is through X-Forwarded-For: none (`false`), the nearest
 * `n` hops, or the proxies at these addresses and ranges. Never every hop: the leftmost entries
 * are whatever the client wrote, so trusting them lets a client pick its own address for rate
 * limits and the audit trail.
 */
export type TrustProxy = false | number | string[];

/** Ranges proxy-addr (Fastify's trustProxy) knows by name. */
const NAMED_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (NAMED_RANGES.includes(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}

const MESSAGE =
  'must be false, the number of proxies in front of Yusr (e.g. 1) or their addresses and ranges separated by commas ' +
  '(e.g. 10.0.0.0/8,192.168.1.10); "true" trusted every X-Forwarded-For hop, so clients could choose their own address';

/** Reads TRUST_PROXY: `false`/`0`/`no`, a hop count, or a comma-separated list of addresses, CIDR ranges or loopback/linklocal/uniquelocal. */
export const trustProxySchema = z.string().transform((raw, ctx): TrustProxy => {
  const v = raw.trim().toLowerCase();
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops >= 1 && hops <= 20) return hops;
  } else {
    const entries = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (entries.length > 0 && entries.every(isAddressOrRange)) return entries;
  }
  ctx.addIssue({ code: 'custom', message: MESSAGE });
  return z.NEVER;
});

/**
 * TRUST_PROXY as Fastify's `trustProxy`. A hop count becomes a function trusting the socket peer
 * and the n−1 entries nearest to it (what proxy-addr meant by a number; Fastify 5 now ignores bare
 * numbers). It cannot tell whether the peer really is a proxy, so a node reachable directly should
 * be given its proxies' addresses instead.
 */
export function fastifyTrustProxy(tp: TrustProxy): boolean | string[] | ((address: string, hop: number) => boolean) {
  if (typeof tp === 'number') return (_address, hop) => hop < tp;
  return tp;
}
