import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deps } from '../../platform/deps.ts';
import * as repo from './availability.repo.ts';
import { demoServiceOrigin } from './probe.ts';

// The small local service the demo's probes watch, so a demo installation shows live probing without
// ever contacting a government site: on 127.0.0.1 only, three kinds of path — `/up/…` always answers,
// `/flapping/…` fails one minute in four (never two runs in a row: damped, no incident), `/down/…`
// always answers 503 (its incident stays open). The probe policy allows this one origin and nothing
// else on loopback (probe.ts).

export type DemoPath = 'up' | 'flapping' | 'down';

/** Whether a path answers at an instant. */
export function demoPathUp(path: string, now: number): boolean | null {
  const kind = /^\/(up|flapping|down)\//.exec(path)?.[1] as DemoPath | undefined;
  if (!kind) return null;
  if (kind === 'down') return false;
  if (kind === 'flapping') return Math.floor(now / 60_000) % 4 !== 0;
  return true;
}

/** Starts the fake service on 127.0.0.1:`port` (0 picks a free port; the server's address says which). */
export async function startDemoService(port: number, now: () => number = Date.now): Promise<Server> {
  const server = createServer((req, res) => {
    const up = req.method === 'GET' || req.method === 'HEAD' ? demoPathUp(req.url ?? '/', now()) : null;
    if (up === null) res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    else if (up) res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('Yusr demo service: up');
    else res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' }).end('Yusr demo service: down');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return server;
}

export const demoServicePort = (server: Server) => (server.address() as AddressInfo).port;

/**
 * Starts the fake service when this installation has one configured and the demo's probes point at
 * it (`yusr serve` calls this); returns how to stop it, or null. A port already taken is logged, not
 * fatal: the probes then record failures, as they would for any unreachable service.
 */
export async function startDemoServiceIfUsed(deps: Deps): Promise<(() => Promise<void>) | null> {
  const port = deps.config.demoServicePort;
  if (!port) return null;
  const origin = demoServiceOrigin(port);
  const probes = await repo.listProbes(deps.db, {});
  if (!probes.some((p) => p.url.startsWith(`${origin}/`))) return null;
  try {
    const server = await startDemoService(port);
    deps.log.info({ origin }, "the demo's fake service for probes is listening");
    return () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  } catch (err) {
    deps.log.warn({ err, origin }, "the demo's fake service could not start; its probes will fail");
    return null;
  }
}
