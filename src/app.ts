import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { migrations, modules } from './modules.ts';
import { AppState } from './platform/app-state.ts';
import { auditKeyOf, bindAuditKey } from './platform/audit/audit.ts';
import { auditCheckpointJob, CHECKPOINT_EVERY_MS } from './platform/audit/checkpoint.ts';
import { type Database, openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { nowIso } from './platform/db/time.ts';
import type { Deps } from './platform/deps.ts';
import { enforceAccess, type RouteRecord, routeInventory } from './platform/http/access.ts';
import { compression } from './platform/http/compression.ts';
import { enforceCsrf, requestContext, requestLang } from './platform/http/context.ts';
import { clientErrorHandler, frameworkErrors, installErrorHandling } from './platform/http/error-handler.tsx';
import { refuseHugeIds, refuseNul, requireJsonForApi } from './platform/http/input-guard.ts';
import { readMultipart } from './platform/http/multipart.ts';
import { openApiPlugin, openApiRoutes } from './platform/http/openapi.tsx';
import { opsRoutes, securityHeaders } from './platform/http/ops.ts';
import { pruneRateLimits } from './platform/http/rate-limit.ts';
import { fastifyTrustProxy } from './platform/http/trust-proxy.ts';
import { JobRegistry, type ScheduledPayload } from './platform/jobs/worker.ts';
import { Messaging } from './platform/messaging/messaging.ts';
import { wireModules } from './platform/module.ts';
import { closePdfRenderer } from './platform/pdf/pdf.ts';
import { localStorage } from './platform/storage/storage.ts';
import { assetRoutes } from './platform/views/assets.ts';
import { ExtensionRegistry } from './platform/views/extensions.ts';
import { NavRegistry } from './platform/views/nav.ts';

declare module './platform/jobs/jobs.ts' {
  interface JobPayloads {
    'platform.cleanup': ScheduledPayload;
    'platform.audit-checkpoint': ScheduledPayload;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    routeInventory: RouteRecord[];
  }
}

export type App = Deps & { close(): Promise<void> };

/** Opens the database (migrating it), and wires messaging, storage and every module's background work, navigation and extensions. */
export async function createDeps(
  config: Config,
  opts: {
    log?: Logger;
    migrate?: boolean;
    /** An already open database (the tests' copies of a migrated in-memory image). */
    database?: Database;
  } = {},
): Promise<App> {
  const log = opts.log ?? pino({ level: config.logLevel });
  const database = opts.database ?? (await openDatabase(config));
  bindAuditKey(database.db, auditKeyOf(config));
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(
      database.db,
      migrations,
      config.database.kind === 'postgres' ? config.database.schema : undefined,
    );
    if (applied.length) log.info({ applied }, 'database migrated');
  }
  const messaging = new Messaging(config);
  const deps: Deps = {
    db: database.db,
    dialect: database.dialect,
    config,
    log,
    jobs: new JobRegistry(),
    messaging,
    storage: localStorage(config.storageDir),
    nav: new NavRegistry(),
    extensions: new ExtensionRegistry(),
    state: new AppState(),
  };
  registerPlatformJobs(deps);
  wireModules(deps, modules);
  return {
    ...deps,
    async close() {
      messaging.close();
      await closePdfRenderer(deps);
      await database.close();
    },
  };
}

function registerPlatformJobs(deps: Deps): void {
  // Two delivery lanes, each a loop of its own in the worker: a reset never waits behind an announcement.
  deps.jobs.tick((d) => d.messaging.dispatch(d.db, 100, 8, 'transactional'));
  deps.jobs.tick((d) => d.messaging.dispatch(d.db, 100, 8, 'bulk'));
  deps.jobs.handle('platform.cleanup', async (d) => {
    const now = nowIso();
    await d.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
    await d.db
      .deleteFrom('user_tokens')
      .where('expires_at', '<', new Date(Date.now() - 30 * 86_400_000).toISOString())
      .execute();
    await pruneRateLimits(d.db);
    await d.db
      .deleteFrom('jobs')
      .where('status', '=', 'done')
      .where('updated_at', '<', new Date(Date.now() - 7 * 86_400_000).toISOString())
      .execute();
  });
  deps.jobs.schedule({ kind: 'platform.cleanup', everyMs: 3_600_000 });
  deps.jobs.handle('platform.audit-checkpoint', auditCheckpointJob);
  deps.jobs.schedule({ kind: 'platform.audit-checkpoint', everyMs: CHECKPOINT_EVERY_MS });
}

/** Builds the HTTP application: platform plugins first, then each module. */
export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as unknown as FastifyBaseLogger,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    // A broken %-encoding or an over-long path segment, and what Node's parser cannot read: problem+json, never Fastify's own JSON.
    frameworkErrors,
    clientErrorHandler,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,64}$/.test(incoming) ? incoming : randomUUID();
    },
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const inventory = routeInventory();
  app.decorate('routeInventory', inventory.routes);
  app.addHook('onRoute', inventory.onRoute);

  // Before any route: the plugin attaches itself to each route as it is declared.
  await compression(app);
  await app.register(cookie);
  await app.register(formbody, { bodyLimit: 256 * 1024 });
  // Uploads arrive whole in the body (one file, 10 MB at most), so CSRF and limits apply as for forms.
  // Read into the body by readMultipart (a preValidation hook below): files stay Buffers there.
  await app.register(multipart, {
    // A form takes a few files (feedback: 3, each checked by its module); more than 5 is refused outright.
    limits: { fileSize: 10 * 1024 * 1024, files: 5, fields: 20, parts: 25 },
  });
  await openApiPlugin(app);
  installErrorHandling(app);
  securityHeaders(app);
  await app.register(requestContext);
  // Access is checked before the body is even read, and CSRF before it is validated: a caller
  // without the right learns nothing about the schema.
  app.addHook('onRequest', enforceAccess);
  app.addHook('onRequest', requireJsonForApi);
  app.addHook('preValidation', readMultipart);
  app.addHook('preValidation', enforceCsrf);
  app.addHook('preValidation', refuseHugeIds);
  // U+0000 in any text is refused before any route sees it (PostgreSQL cannot store it).
  app.addHook('preValidation', refuseNul);

  await assetRoutes(app);
  await opsRoutes(app);
  await openApiRoutes(app);
  app.get('/', { config: { access: 'public' }, schema: { hide: true } }, async (req, reply) =>
    reply.redirect(`/${requestLang(req)}/`, 302),
  );

  for (const m of modules) await m.routes?.(app);
  return app;
}
