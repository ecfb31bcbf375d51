import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type ProbePolicy, refusedRange, runProbe, targetProblem } from './probe.ts';

// The probe against real HTTP servers on 127.0.0.1. The address policy is the production one
// (every refused range refused) except where a test allows the one loopback address its server
// listens on, or maps a name to an address through an injected resolver.

const UA = 'Yusr-probe/1 (+http://yusr.test/status)';

describe('availability probe: refused addresses', () => {
  it('refuses private, loopback, link-local, unique-local, CGNAT, multicast, unspecified and reserved ranges', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.1',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '224.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '::1',
      '::',
      'fe80::1',
      'fd12:3456::1',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:10.0.0.1',
      '2001:db8::1',
    ]) {
      assert.notEqual(refusedRange(a), null, a);
    }
    for (const a of ['8.8.8.8', '1.1.1.1', '2a00:1450:4001::1', '::ffff:8.8.8.8']) assert.equal(refusedRange(a), null, a);
  });

  it('refuses bad targets before any lookup: schemes, credentials, literal refused addresses, local names', () => {
    assert.equal(targetProblem('ftp://example.gov.sa/'), 'scheme');
    assert.equal(targetProblem('file:///etc/passwd'), 'scheme');
    assert.equal(targetProblem('https://user:secret@example.gov.sa/'), 'credentials');
    assert.equal(targetProblem('http://127.0.0.1:8080/'), 'refused_address');
    assert.equal(targetProblem('http://[::1]/'), 'refused_address');
    assert.equal(targetProblem('http://[::ffff:7f00:1]/'), 'refused_address');
    assert.equal(targetProblem('http://169.254.169.254/latest/meta-data/'), 'refused_address');
    assert.equal(targetProblem('http://localhost:3000/'), 'refused_address');
    assert.equal(targetProblem('http://printer.local/'), 'refused_address');
    assert.equal(targetProblem('not a url'), 'url');
    assert.equal(targetProblem('https://www.example.gov.sa/health'), null);
    assert.equal(targetProblem('http://127.0.0.1:8080/', { allowPrivate: false, allowAddresses: ['127.0.0.1'] }), null);
  });
});

describe('availability probe: against local HTTP servers', () => {
  let server: Server;
  let port = 0;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];
  let mode: 'up' | 'down' | 'hang' | 'text' = 'up';

  before(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      const path = req.url ?? '/';
      if (path.startsWith('/redirect-to/')) {
        res.writeHead(302, { location: decodeURIComponent(path.slice('/redirect-to/'.length)) }).end();
        return;
      }
      if (path.startsWith('/loop/')) {
        const n = Number(path.slice(6));
        res.writeHead(302, { location: `/loop/${n + 1}` }).end();
        return;
      }
      if (mode === 'hang') return; // never answers: the probe's timeout must end it
      if (mode === 'down') res.writeHead(503).end('maintenance');
      else
        res
          .writeHead(200, { 'content-type': 'text/plain', 'set-cookie': 'tracking=1' })
          .end(mode === 'text' ? 'status: degraded' : 'status: ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const loopbackOnly: ProbePolicy = {
    allowPrivate: false,
    allowAddresses: ['127.0.0.1'],
    allowOrigins: [],
    hostGapMs: 0,
    resolve: async (host) => {
      if (host === 'agency.test' || host === 'www.agency.test') return [{ address: '127.0.0.1', family: 4 }];
      if (host === 'inner.agency.test') return [{ address: '10.0.0.7', family: 4 }];
      if (host === 'split.agency.test')
        return [
          { address: '127.0.0.1', family: 4 },
          { address: '192.168.0.10', family: 4 },
        ];
      if (host === 'metadata.agency.test') return [{ address: '169.254.169.254', family: 4 }];
      throw new Error('ENOTFOUND');
    },
  };
  const strict: ProbePolicy = { ...loopbackOnly, allowAddresses: [] };
  const target = (url: string, o: Partial<{ expectText: string | null; timeoutMs: number; expectStatus: number }> = {}) => ({
    url,
    timeoutMs: o.timeoutMs ?? 5000,
    expectStatus: o.expectStatus ?? 200,
    expectText: o.expectText ?? null,
    domains: ['agency.test'],
  });

  it('finds the service up, says who it is, and sends no credentials or cookies', async () => {
    mode = 'up';
    seen.length = 0;
    const r = await runProbe(target(`http://agency.test:${port}/health`, { expectText: 'status: ok' }), loopbackOnly, UA);
    assert.equal(r.ok, true);
    assert.equal(r.statusCode, 200);
    assert.equal(typeof r.latencyMs, 'number');
    const h = seen[0]?.headers ?? {};
    assert.equal(h['user-agent'], UA);
    assert.equal(h.host, `agency.test:${port}`, 'the Host header stays the name; the socket went to the checked address');
    assert.equal(h.cookie, undefined);
    assert.equal(h.authorization, undefined);
  });

  it('fails on an unexpected status, on missing text, and on a timeout', async () => {
    mode = 'down';
    assert.deepEqual(
      { ...(await runProbe(target(`http://agency.test:${port}/`), loopbackOnly, UA)), latencyMs: null },
      { ok: false, statusCode: 503, latencyMs: null, error: 'status' },
    );
    mode = 'text';
    assert.equal((await runProbe(target(`http://agency.test:${port}/`, { expectText: 'status: ok' }), loopbackOnly, UA)).error, 'text');
    mode = 'hang';
    const hung = await runProbe(target(`http://agency.test:${port}/`, { timeoutMs: 300 }), loopbackOnly, UA);
    assert.equal(hung.ok, false);
    assert.equal(hung.error, 'timeout');
    mode = 'up';
  });

  it('refuses the loopback server itself when the policy allows nothing, without connecting', async () => {
    seen.length = 0;
    assert.equal((await runProbe(target(`http://127.0.0.1:${port}/`), strict, UA)).error, 'refused_address');
    assert.equal(
      (await runProbe(target(`http://agency.test:${port}/`), strict, UA)).error,
      'refused_address',
      'a name resolving to loopback',
    );
    assert.equal((await runProbe(target(`http://metadata.agency.test:${port}/`), loopbackOnly, UA)).error, 'refused_address', 'link-local');
    assert.equal(
      (await runProbe(target(`http://split.agency.test:${port}/`), loopbackOnly, UA)).error,
      'refused_address',
      'every resolved address is checked, not only the first',
    );
    assert.equal((await runProbe(target(`http://localhost:${port}/`), loopbackOnly, UA)).error, 'refused_address');
    assert.equal(seen.length, 0, 'no request reached the server');
  });

  it("reaches the demo's fake service by its one allowed origin, and nothing else on loopback", async () => {
    mode = 'up';
    const demo: ProbePolicy = { ...strict, allowOrigins: [`http://127.0.0.1:${port}`] };
    assert.equal((await runProbe(target(`http://127.0.0.1:${port}/health`), demo, UA)).ok, true);
    seen.length = 0;
    assert.equal((await runProbe(target(`http://127.0.0.1:${port + 1}/`), demo, UA)).error, 'refused_address', 'another port');
    assert.equal((await runProbe(target(`http://localhost:${port}/`), demo, UA)).error, 'refused_address', 'another name');
    assert.equal((await runProbe(target(`https://127.0.0.1:${port}/`), demo, UA)).error, 'refused_address', 'another scheme');
    assert.equal(seen.length, 0, 'none of those connected');
    const back = `http://127.0.0.1:${port}/redirect-to/${encodeURIComponent('http://127.0.0.2/')}`;
    const r = await runProbe({ ...target(back), domains: ['127.0.0.1'] }, demo, UA);
    assert.notEqual(r.ok, true, 'a redirect away from the allowed origin is checked like any other');
    assert.equal(r.error === 'redirect_refused' || r.error === 'refused_address', true, String(r.error));
  });

  it('follows redirects by hand within the agency domains only, never to refused addresses, at most three', async () => {
    mode = 'up';
    const via = (to: string) => `http://agency.test:${port}/redirect-to/${encodeURIComponent(to)}`;
    assert.equal(
      (await runProbe(target(via(`http://www.agency.test:${port}/ok`)), loopbackOnly, UA)).ok,
      true,
      'a subdomain of the agency',
    );
    seen.length = 0;
    assert.equal((await runProbe(target(via(`http://inner.agency.test:${port}/`)), loopbackOnly, UA)).error, 'refused_address');
    assert.equal((await runProbe(target(via('http://169.254.169.254/latest/meta-data/')), loopbackOnly, UA)).error, 'redirect_refused');
    assert.equal((await runProbe(target(via(`http://127.0.0.1:${port}/`)), loopbackOnly, UA)).error, 'redirect_refused');
    assert.equal((await runProbe(target(via('https://elsewhere.example.com/')), loopbackOnly, UA)).error, 'redirect_refused');
    assert.equal((await runProbe(target(via('file:///etc/passwd')), loopbackOnly, UA)).error, 'redirect_refused');
    assert.equal(seen.length, 5, 'only the first hops reached the server');
    seen.length = 0;
    assert.equal((await runProbe(target(`http://agency.test:${port}/loop/0`), loopbackOnly, UA)).error, 'too_many_redirects');
    assert.equal(seen.length, 4, 'the first request and three redirects');
  });
});
