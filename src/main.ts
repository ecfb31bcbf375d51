import { parseArgs } from 'node:util';
import { Migrator } from 'kysely';
import { buildApp, createDeps } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DEMO_PASSWORD, demoUsers, loadDemo } from './demo/demo.ts';
import { demoDataOnStart } from './demo/startup.ts';
import { startDemoServiceIfUsed } from './modules/availability/public.ts';
import { createUserFromCli } from './modules/identity/index.ts';
import { startDemoOidcIfConfigured } from './modules/identity/public.ts';
import { migrations } from './modules.ts';
import { auditKeyOf } from './platform/audit/audit.ts';
import { verifyAuditTrail, writeAuditCheckpoint } from './platform/audit/checkpoint.ts';
import { systemCtx } from './platform/auth/actor.ts';
import { loadCharts } from './platform/charts/charts.tsx';
import { BackupError, backup, describeBackup, restore } from './platform/db/backup.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrateToLatest } from './platform/db/migrate.ts';
import { startWorker } from './platform/jobs/worker.ts';

// Everything Yusr creates — the SQLite database and its journal, secret.key, stored files,
// backups, audit checkpoints — is for its own user only: folders 0700, files 0600.
process.umask(0o077);

const USAGE = `yusr — the national e-government transformation platform

Usage:
  yusr serve                 start the web server (and the worker, unless WORKER=off)
  yusr worker                run background jobs and message delivery only
  yusr migrate               bring the database schema up to date
  yusr demo load             load demo agencies and accounts (skips what exists)
  yusr user create --email E --name N --role R [--agency CODE] [--password P]
  yusr audit verify          check the audit trail's keyed hash chain and its checkpoints; exit 1 at the first broken link
  yusr audit checkpoint      anchor the chain's head in a signed file now (the worker does it every 5 minutes)
  yusr backup [--out DIR]    the database (SQLite snapshot or pg_dump), stored files, audit checkpoints and a generated key, in one 0700 folder
  yusr restore --from DIR    restore such a backup into a fresh installation (new database file or schema, empty STORAGE_DIR)
  yusr search analyze "TEXT" the tokens the Arabic/English analyzer makes of TEXT (normalised, its stems, Lucene's where it differs)
  yusr catalog import FILE [--run] [--csv] [--lang ar|en] [--audience A]... [--channel C] [--maturity M] [--status S] [--announce]
                        dry run (or with --run, the real run) of a CSV, XLSX or CPSV-AP JSON-LD file: services and agencies
  yusr agencies import FILE [--run] [--csv] [--lang ar|en]   the same for a sheet of agencies (code, name_ar, name_en, kind, parent…)
  yusr measure score --framework F.json --answers A.csv [--format table|csv|json]
                             re-derive a round's published scores from its exported files
  yusr feedback aggregates [--repair]   check the CX aggregates against the ratings and cases (exit 1 if out of step); --repair rebuilds them

Configuration comes from environment variables; see docs/configuration.md.`;

async function pendingMigrations(config: ReturnType<typeof loadConfig>): Promise<number> {
  const database = await openDatabase(config);
  try {
    const schema = config.database.kind === 'postgres' ? config.database.schema : undefined;
    const migrator = new Migrator({
      db: database.db,
      provider: { getMigrations: async () => migrations },
      ...(schema ? { migrationTableSchema: schema } : {}),
    });
    return (await migrator.getMigrations()).filter((m) => !m.executedAt).length;
  } finally {
    await database.close();
  }
}

async function serve() {
  const config = loadConfig();
  if (config.database.kind === 'postgres' && (await pendingMigrations(config)) > 0) {
    throw new ConfigError(
      'The PostgreSQL schema is not up to date: run `yusr migrate` first (migrations run automatically on SQLite only).',
    );
  }
  const deps = await createDeps(config, { migrate: config.database.kind === 'sqlite' });
  const demo = await demoDataOnStart(deps, (text) => process.stderr.write(`\n${text}\n\n`));
  const app = await buildApp(deps);
  const worker = config.worker === 'inline' ? startWorker(deps) : null;
  const demoService = await startDemoServiceIfUsed(deps);
  const demoOidc = await startDemoOidcIfConfigured(deps);
  loadCharts(); // loaded lazily (test processes never draw one); a web node pays before it listens
  await app.listen({ port: config.port, host: config.host });
  const lines = [`\nYusr is running at ${config.baseUrl}/ar/ (English: ${config.baseUrl}/en/)`];
  if (demo.announce) {
    lines.push(`Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of demoUsers) lines.push(`  ${u.email.padEnd(24)} ${u.role}${u.agency ? ` (${u.agency})` : ''}`);
  }
  if (demoOidc)
    lines.push(`Demo sign-in provider (any address, any password): ${config.baseUrl}/ar/sign-in and ${config.baseUrl}/ar/my-data`);
  if (!config.smtpUrl) lines.push(`Mail goes to the local outbox: ${config.baseUrl}/ar/console/outbox`);
  process.stdout.write(`${lines.join('\n')}\n\n`);
  const shutdown = async (signal: string) => {
    deps.log.info({ signal }, 'shutting down');
    await app.close();
    await worker?.stop();
    await demoService?.();
    await demoOidc?.();
    await deps.close();
    await finish(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

async function worker() {
  const config = loadConfig();
  const deps = await createDeps(config, { migrate: false });
  const w = startWorker(deps);
  deps.log.info('worker started');
  const stop = async () => {
    await w.stop();
    await deps.close();
    await finish(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}

async function main(argv: string[]): Promise<number> {
  const [cmd, sub] = argv;
  switch (cmd) {
    case 'serve':
      await serve();
      return -1;
    case 'worker':
      await worker();
      return -1;
    case 'migrate': {
      const config = loadConfig();
      const database = await openDatabase(config);
      const applied = await migrateToLatest(
        database.db,
        migrations,
        config.database.kind === 'postgres' ? config.database.schema : undefined,
      );
      await database.close();
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
      return 0;
    }
    case 'demo': {
      if (sub !== 'load') break;
      const deps = await createDeps(loadConfig());
      const r = await loadDemo(deps, systemCtx('cli demo load'));
      await deps.close();
      const made = Object.entries(r).map(([kind, n]) => `${n} ${kind}`);
      console.log(`Loaded ${made.join(', ')} (the accounts' password is ${DEMO_PASSWORD}).`);
      return 0;
    }
    case 'user': {
      if (sub !== 'create') break;
      const { values } = parseArgs({
        args: argv.slice(2),
        options: {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
          agency: { type: 'string' },
          password: { type: 'string' },
        },
      });
      const deps = await createDeps(loadConfig());
      try {
        const r = await createUserFromCli(deps, values);
        console.log(`Created ${r.email} as ${r.role}.${r.generated ? ` Password: ${r.password}` : ''}`);
      } finally {
        await deps.close();
      }
      return 0;
    }
    case 'audit': {
      if (sub !== 'verify' && sub !== 'checkpoint') break;
      const deps = await createDeps(loadConfig(), { migrate: false });
      try {
        if (sub === 'checkpoint') {
          const c = await writeAuditCheckpoint(deps.db, auditKeyOf(deps.config), deps.config.auditCheckpointDir);
          if (c.status === 'behind') {
            console.log(`Audit trail BROKEN: its head (record ${c.seq}) is behind the last checkpoint (record ${c.lastCheckpoint}).`);
            return 1;
          }
          console.log(c.status === 'empty' ? 'The audit trail is empty: nothing to anchor.' : `Audit head anchored at record ${c.seq}.`);
          return 0;
        }
        const r = await verifyAuditTrail(deps);
        if (r.ok) {
          const legacy = r.unkeyed ? ` (the first ${r.unkeyed} written before the chain was keyed)` : '';
          console.log(`Audit trail intact: ${r.rows} records${legacy}, every link verified; ${r.checkpoints} checkpoints agree.`);
          return 0;
        }
        if ('forged' in r)
          console.log(`Audit trail BROKEN: checkpoint files not signed with this installation's audit key: ${r.forged.join(', ')}.`);
        else console.log(`Audit trail BROKEN at record ${r.brokenAt} (${r.reason}); ${r.rows} records before it verified.`);
        return 1;
      } finally {
        await deps.close();
      }
    }
    case 'backup':
    case 'restore': {
      const { values } = parseArgs({ args: argv.slice(1), options: { out: { type: 'string' }, from: { type: 'string' } } });
      if (cmd === 'restore' && !values.from) break;
      try {
        if (cmd === 'backup') {
          const b = await backup(loadConfig(), values.out);
          console.log(describeBackup(b.dir, b.manifest));
        } else {
          const r = await restore(loadConfig(), values.from as string);
          console.log(`Restored the ${r.manifest.engine} backup of ${r.manifest.created_at} (${r.manifest.files} files).`);
          for (const note of r.notes) console.log(note);
        }
        return 0;
      } catch (err) {
        if (!(err instanceof BackupError)) throw err;
        console.error(err.message);
        return 1;
      }
    }
    case 'search': {
      if (sub !== 'analyze' || argv.length < 3) break;
      const { analyze, stemArabicLucene } = await import('./platform/search/analyzer.ts');
      // Yusr's stems first (more than one where stripping is ambiguous); Lucene light10's where it differs.
      for (const tok of analyze(argv.slice(2).join(' '), { keepStopWords: true })) {
        const lucene = tok.script === 'arabic' && !tok.stop ? stemArabicLucene(tok.norm) : tok.stem;
        const stems = [tok.stem, ...(tok.alt ?? [])].join(' | ');
        console.log(
          `${tok.norm}\t${stems}\t${tok.script}${tok.stop ? '\t(stop word)' : ''}${lucene !== tok.stem ? `\t(Lucene: ${lucene})` : ''}`,
        );
      }
      return 0;
    }
    case 'catalog':
    case 'agencies': {
      if (sub !== 'import') break;
      const { runImportCommand } = await import('./modules/catalog/index.ts');
      const deps = await createDeps(loadConfig());
      try {
        const r = await runImportCommand(deps, cmd, argv.slice(2));
        process.stdout.write(r.out);
        return r.code;
      } finally {
        await deps.close();
      }
    }
    case 'feedback': {
      if (sub !== 'aggregates') break;
      const { values } = parseArgs({ args: argv.slice(2), options: { repair: { type: 'boolean' } } });
      const { runAggregatesCommand } = await import('./modules/feedback/index.ts');
      const deps = await createDeps(loadConfig(), { migrate: false });
      try {
        const r = await runAggregatesCommand(deps, values.repair === true);
        process.stdout.write(r.out);
        return r.code;
      } finally {
        await deps.close();
      }
    }
    case 'measure': {
      if (sub !== 'score') break;
      const { values } = parseArgs({
        args: argv.slice(2),
        options: { framework: { type: 'string' }, answers: { type: 'string' }, format: { type: 'string' } },
      });
      if (!values.framework || !values.answers) break;
      const format = values.format ?? 'table';
      if (!['table', 'csv', 'json'].includes(format)) break;
      const { runScoreCommand } = await import('./modules/measure/index.ts');
      try {
        process.stdout.write(await runScoreCommand(values.framework, values.answers, { format: format as 'table' | 'csv' | 'json' }));
        return 0;
      } catch (err) {
        // The files are the auditor's: say what is wrong with them, without a stack trace.
        console.error((err as Error).message);
        return 1;
      }
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
  }
  console.error(USAGE);
  return 2;
}

/**
 * Exits with `code` once everything written to stdout and stderr has reached the OS: on a pipe,
 * Node writes asynchronously, and process.exit() on its own cut `… | head` output at 128 KiB.
 */
async function finish(code: number): Promise<never> {
  const flushed = (stream: NodeJS.WriteStream) =>
    new Promise<void>((resolve) => {
      if (stream.destroyed || stream.writableEnded) return resolve();
      // Callbacks run in write order, so this one runs when every earlier write has been handed over.
      stream.write('', () => resolve());
    });
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

// A reader that stops early (`yusr … | head -c 100`) closes the pipe: that is its right, not our error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) return finish(code);
  },
  (err) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (err?.fieldErrors?.length)
      console.error(`Invalid input: ${err.fieldErrors.map((e: { field: string; key: string }) => `${e.field} (${e.key})`).join(', ')}`);
    else console.error(err);
    return finish(1);
  },
);
