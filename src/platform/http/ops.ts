import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { safeEqual } from '../auth/crypto.ts';
import { isDatabaseReady } from '../db/database.ts';
import { jobCounts } from '../jobs/jobs.ts';
import { NotFoundError, UnauthorizedError } from './errors.ts';
import { notReadyReasons } from './readiness.ts';

/** Sets the security headers on one response; HSTS when served over HTTPS. */
export function setSecurityHeaders(request: FastifyRequest, reply: FastifyReply, https: boolean): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'same-origin');
  // A page that may be framed says by whom in its own policy's frame-ancestors (the provider's
  // front-channel logout frame); no X-Frame-Options: DENY contradicts it for older browsers.
  const own = reply.getHeader('content-security-policy');
  const framedBy = typeof own === 'string' && /frame-ancestors (?!'none')/.test(own);
  if (!framedBy && !reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
  // A route that set its own, stricter policy (a sandboxed email preview) keeps it.
  if (!request.url.startsWith('/api/') && !reply.hasHeader('content-security-policy')) {
    reply.header(
      'content-security-policy',
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
    );
  }
  if (https) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
}

/** Security headers on every response. */
export function securityHeaders(app: FastifyInstance): void {
  const https = app.deps.config.baseUrl.startsWith('https://');
  app.addHook('onSend', async (request, reply) => setSecurityHeaders(request, reply, https));
}

/** /healthz (the process answers), /readyz (the database answers) and Prometheus /metrics. */
export async function opsRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'yusr_http_requests_total',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'yusr_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: 'yusr_jobs',
    help: 'Jobs by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const counts = await jobCounts(deps.db);
      for (const s of ['pending', 'running', 'done', 'parked']) this.set({ status: s }, counts[s] ?? 0);
    },
  });
  new Gauge({
    name: 'yusr_messages',
    help: 'Outgoing messages by status',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      const rows = await deps.db
        .selectFrom('messages')
        .select(['status', deps.db.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
      for (const s of ['queued', 'sending', 'sent', 'failed']) this.set({ status: s }, counts[s] ?? 0);
    },
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    duration.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { config: { access: 'public' }, schema: { hide: true } }, async (_req, reply) => {
    if (!(await isDatabaseReady(deps.db))) return reply.code(503).send({ status: 'database unavailable' });
    // Then what modules wait for, e.g. the catalog's search index being built at start.
    const waiting = notReadyReasons(deps);
    return reply.code(waiting.length ? 503 : 200).send({ status: waiting.length ? waiting.join('; ') : 'ready' });
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const token = deps.config.metricsToken;
    // Route names, traffic and queue depths are for operators: production serves them only behind a token.
    if (!token && deps.config.env === 'production') throw new NotFoundError();
    if (token && !safeEqual(String(request.headers.authorization ?? ''), `Bearer ${token}`)) throw new UnauthorizedError();
    return reply.type(registry.contentType).send(await registry.metrics());
  });
}
