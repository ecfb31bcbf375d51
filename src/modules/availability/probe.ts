import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { slot } from '../../platform/app-state.ts';
import type { Deps } from '../../platform/deps.ts';

// The HTTP probe. Safe by construction: every address a name resolves to is checked against the
// refused ranges, then the connection goes to that checked address (a second DNS answer cannot swap
// it: DNS rebinding), redirects are followed by hand (at most three) and only within the agency's
// domains, no credentials or cookies are ever sent, and the probe says who it is.

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How probes reach the network; one per app (tests allow loopback and inject resolvers). */
export interface ProbePolicy {
  /** Lets probes reach private, loopback and other refused ranges: tests on 127.0.0.1 only, never production. */
  allowPrivate: boolean;
  /** Single addresses allowed although in a refused range (tests: 127.0.0.1 while every other refusal holds). */
  allowAddresses: readonly string[];
  /** Whole origins (`http://127.0.0.1:3901`) allowed although their address is refused: the demo's local fake service, that port only. */
  allowOrigins: readonly string[];
  resolve(host: string): Promise<ResolvedAddress[]>;
  /** The least time between two probes of one host (politeness). */
  hostGapMs: number;
}

const policySlot = slot<ProbePolicy>('availability.probe-policy');
const hostsSlot = slot<Map<string, number>>('availability.host-last-probe');

const systemResolve = async (host: string): Promise<ResolvedAddress[]> =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/** The origin of the demo's local fake service, when this installation runs one (development only). */
export const demoServiceOrigin = (port: number) => `http://127.0.0.1:${port}`;

/** This app's probe policy: private ranges refused (but the demo's fake service), the system resolver, one probe per host per second. */
export const probePolicy = (deps: Pick<Deps, 'state' | 'config'>): ProbePolicy =>
  deps.state.get(policySlot, () => ({
    allowPrivate: false,
    allowAddresses: [],
    allowOrigins: deps.config.demoServicePort ? [demoServiceOrigin(deps.config.demoServicePort)] : [],
    resolve: systemResolve,
    hostGapMs: 1000,
  }));

/** When each host was last probed by this app (the per-host rate limit). */
export const hostClock = (deps: Pick<Deps, 'state'>) => deps.state.get(hostsSlot, () => new Map<string, number>());

/**
 * The range an address falls in when probes must not reach it (private, loopback, link-local,
 * unique-local, carrier-grade NAT, multicast, unspecified, broadcast, reserved…), or null for a
 * public unicast address. IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function refusedRange(address: string): string | null {
  if (!ipaddr.isValid(address)) return 'invalid';
  let ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  const range = ip.range();
  return range === 'unicast' ? null : range;
}

const NO_EXCEPTIONS = { allowPrivate: false, allowAddresses: [], allowOrigins: [] } as const;
type Exceptions = Pick<ProbePolicy, 'allowPrivate' | 'allowAddresses'> & { allowOrigins?: readonly string[] };
const refused = (address: string, policy: Pick<ProbePolicy, 'allowPrivate' | 'allowAddresses'>) =>
  !policy.allowPrivate && refusedRange(address) !== null && !policy.allowAddresses.includes(address);

/** Names that only ever mean this machine or its private network. */
const LOCAL_NAME = /(^|\.)(localhost|local|internal|localdomain|home\.arpa)$/i;

/** Why a target address may not be probed before any lookup (scheme, credentials, a refused literal address), or null. */
export function targetProblem(raw: string, policy: Exceptions = NO_EXCEPTIONS): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'url';
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return 'scheme';
  if (u.username || u.password) return 'credentials';
  const host = u.hostname.replace(/^\[|\]$/g, '');
  if (!host) return 'url';
  if (policy.allowPrivate || policy.allowOrigins?.includes(u.origin)) return null;
  if (isIP(host)) return refused(host, policy) ? 'refused_address' : null;
  if (LOCAL_NAME.test(host)) return 'refused_address';
  return null;
}

/** Is a redirect's host one of the agency's domains (or a subdomain of one)? */
export function withinDomains(host: string, domains: readonly string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return domains.some((d) => h === d || h.endsWith(`.${d}`));
}

/** The domains a probe may be redirected within: its own host's and the agency website's, without "www.". */
export function agencyDomains(...urls: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const u of urls) {
    if (!u) continue;
    try {
      out.add(new URL(u).hostname.toLowerCase().replace(/^www\./, ''));
    } catch {
      // not a URL: contributes no domain
    }
  }
  return [...out];
}

export interface ProbeTarget {
  url: string;
  timeoutMs: number;
  expectStatus: number;
  expectText: string | null;
  domains: readonly string[];
}

export interface ProbeOutcome {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
}

const MAX_REDIRECTS = 3;
const MAX_BODY = 64 * 1024;

class ProbeFailure extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

/** The addresses of a host, each checked; refused when any one of them is in a refused range. */
async function checkedAddress(host: string, policy: ProbePolicy): Promise<ResolvedAddress> {
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: ResolvedAddress[];
  if (isIP(bare)) addresses = [{ address: bare, family: isIP(bare) === 6 ? 6 : 4 }];
  else {
    if (!policy.allowPrivate && LOCAL_NAME.test(bare)) throw new ProbeFailure('refused_address');
    try {
      addresses = await policy.resolve(bare);
    } catch {
      throw new ProbeFailure('dns');
    }
  }
  if (addresses.length === 0) throw new ProbeFailure('dns');
  if (addresses.some((a) => refused(a.address, policy))) throw new ProbeFailure('refused_address');
  return addresses[0] as ResolvedAddress;
}

interface Hop {
  status: number;
  location: string | undefined;
  body: string;
}

/** One GET to one checked address: the Host header and TLS name stay the URL's, the socket goes to `ip`. */
function get(u: URL, ip: ResolvedAddress, userAgent: string, readBody: boolean, signal: AbortSignal): Promise<Hop> {
  const mod = u.protocol === 'https:' ? https : http;
  const host = u.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve, reject) => {
    const req = mod.request(
      {
        protocol: u.protocol,
        host,
        port: u.port || undefined,
        path: `${u.pathname}${u.search}`,
        method: 'GET',
        agent: false,
        signal,
        servername: isIP(host) ? undefined : host,
        // The connection goes to the address already checked, whatever DNS says now.
        lookup: ((_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
          opts?.all ? cb(null, [{ address: ip.address, family: ip.family }]) : cb(null, ip.address, ip.family)) as never,
        headers: { 'user-agent': userAgent, accept: '*/*', connection: 'close' },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const location = typeof res.headers.location === 'string' ? res.headers.location : undefined;
        if (!readBody || (status >= 300 && status < 400)) {
          res.resume();
          res.on('end', () => resolve({ status, location, body: '' }));
          res.on('error', reject);
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          if (size >= MAX_BODY) return;
          chunks.push(c);
          size += c.length;
          if (size >= MAX_BODY) {
            resolve({ status, location, body: Buffer.concat(chunks).subarray(0, MAX_BODY).toString('utf8') });
            res.destroy();
          }
        });
        res.on('end', () => resolve({ status, location, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * Probes one target: GET, following at most three redirects by hand within the agency's domains,
 * each hop's every address checked; up when the final status is the expected one and, if asked, the
 * body holds the expected text. Never throws: a failure is an outcome with its reason.
 */
export async function runProbe(target: ProbeTarget, policy: ProbePolicy, userAgent: string): Promise<ProbeOutcome> {
  const started = performance.now();
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new ProbeFailure('timeout')), target.timeoutMs);
  let status: number | null = null;
  try {
    let url = new URL(target.url);
    for (let hop = 0; ; hop++) {
      const problem = targetProblem(url.toString(), policy);
      if (problem) throw new ProbeFailure(problem);
      // The demo's fake service is a literal loopback address and port the installation chose; anything else is checked.
      const bare = url.hostname.replace(/^\[|\]$/g, '');
      const ip: ResolvedAddress =
        policy.allowOrigins.includes(url.origin) && isIP(bare)
          ? { address: bare, family: isIP(bare) === 6 ? 6 : 4 }
          : await checkedAddress(url.hostname, policy);
      if (ac.signal.aborted) throw ac.signal.reason;
      const res = await get(url, ip, userAgent, target.expectText !== null, ac.signal);
      status = res.status;
      if (res.status >= 300 && res.status < 400 && res.location && res.status !== target.expectStatus) {
        if (hop >= MAX_REDIRECTS) throw new ProbeFailure('too_many_redirects');
        const next = new URL(res.location, url);
        if (!withinDomains(next.hostname, target.domains)) throw new ProbeFailure('redirect_refused');
        url = next;
        continue;
      }
      const latencyMs = Math.round(performance.now() - started);
      if (res.status !== target.expectStatus) return { ok: false, statusCode: res.status, latencyMs, error: 'status' };
      if (target.expectText !== null && !res.body.includes(target.expectText)) {
        return { ok: false, statusCode: res.status, latencyMs, error: 'text' };
      }
      return { ok: true, statusCode: res.status, latencyMs, error: null };
    }
  } catch (err) {
    const reason = ac.signal.aborted ? ac.signal.reason : err;
    const code =
      reason instanceof ProbeFailure ? reason.code : /CERT|SSL|TLS/i.test(String((reason as Error)?.message)) ? 'tls' : 'network';
    return { ok: false, statusCode: status, latencyMs: null, error: code };
  } finally {
    clearTimeout(timer);
  }
}
