import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import SQLite from 'better-sqlite3';
import { loadConfig } from '../src/config.ts';
import { PRODUCTION_DEMO_WARNING } from '../src/demo/startup.ts';
import { g, pct, runScoreCommand } from '../src/modules/measure/testing.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { dropSchema, ensureProcessDatabase, type TestApp, testApp, testEngine, testEnv } from './helpers/app.ts';

/** A port nobody listens on right now, for a `yusr serve` child. */
async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  await once(server, 'close');
  return port;
}

/** Starts `yusr serve` and resolves once it says it is running (or rejects with what it printed if it exits first). */
async function startServe(
  env: NodeJS.ProcessEnv,
  { command = 'bin/yusr', cwd }: { command?: string; cwd?: string } = {},
): Promise<{ child: ChildProcess; port: number; stdout: () => string; stderr: () => string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = spawn(command, ['serve'], { cwd, env: { ...env, PORT: String(port), HOST: '127.0.0.1' } });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => {
    err += d;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Yusr is running')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`yusr serve exited with ${code}: ${err}${out}`)));
  });
  return {
    child,
    port,
    stdout: () => out,
    stderr: () => err,
    async stop() {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('operations endpoints', () => {
  let t: TestApp;
  before(async () => {
    t = await testApp({ METRICS_TOKEN: 'metrics-token-0123456789' });
  });
  after(() => t.close());

  it('/healthz and /readyz answer', async () => {
    assert.deepEqual((await t.app.inject('/healthz')).json(), { status: 'ok' });
    assert.deepEqual((await t.app.inject('/readyz')).json(), { status: 'ready' });
  });

  it('/metrics speaks Prometheus text, behind its token when one is set', async () => {
    await t.app.inject('/ar/');
    assert.equal((await t.app.inject('/metrics')).statusCode, 401);
    const res = await t.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } });
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /yusr_http_requests_total\{method="GET",route="\/ar",status="200"\} \d+/);
    assert.match(res.body, /yusr_jobs\{status="parked"\} 0/);
  });

  it('echoes or assigns a request id', async () => {
    const mine = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'req-12345678' } });
    assert.equal(mine.headers['x-request-id'], 'req-12345678');
    const fresh = await t.app.inject('/healthz');
    assert.match(String(fresh.headers['x-request-id']), /^[0-9a-f-]{36}$/);
  });

  it('sends people to their language from the bare address', async () => {
    assert.equal((await t.app.inject({ url: '/', headers: { 'accept-language': 'en-GB,en;q=0.9' } })).headers.location, '/en/');
    assert.equal((await t.app.inject({ url: '/' })).headers.location, '/ar/');
  });

  it('publishes an OpenAPI 3.1 document with the v1 routes and problem details', async () => {
    const doc = (await t.app.inject('/api/openapi.json')).json();
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(doc.paths['/api/v1/agencies'].get);
    assert.ok(doc.paths['/api/v1/agencies/{id}'].patch.security);
    assert.ok(doc.components.schemas.Problem);
    assert.equal(doc.paths['/metrics'], undefined, 'operational routes stay out of the public API');
    // The JSON API only, each operation with the access the hook enforces.
    const paths = Object.keys(doc.paths);
    assert.deepEqual(
      paths.filter((p) => !p.startsWith('/api/v1/')),
      [],
      'pages, feeds and files are not API operations',
    );
    assert.deepEqual(doc.paths['/api/v1/agencies'].get.security, [], 'a public read needs nothing');
    assert.equal(doc.paths['/api/v1/agencies'].get['x-yusr-access'], 'public');
    const patch = doc.paths['/api/v1/agencies/{id}'].patch;
    assert.ok(
      patch.security.some((s: Record<string, string[]>) => s.bearer?.length || s.session),
      'a write names its token scopes or session',
    );
    assert.notEqual(patch['x-yusr-access'], 'public');
  });

  it('serves fingerprinted assets with long caching and security headers on pages', async () => {
    const page = await t.app.inject('/en/');
    const css = /href="(\/assets\/yusr\.[0-9a-f]+\.css)"/.exec(page.body)?.[1];
    assert.ok(css);
    const res = await t.app.inject(css);
    assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(page.headers['x-frame-options'], 'DENY');
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    // Compressed for browsers that accept it, the same bytes once decoded; raw for those that do not.
    const raw = await t.app.inject(css);
    assert.equal(raw.headers['content-encoding'], undefined);
    assert.equal(raw.headers.vary, 'accept-encoding');
    const br = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.ok(br.rawPayload.length < raw.rawPayload.length / 3, `${br.rawPayload.length} of ${raw.rawPayload.length} bytes`);
    assert.deepEqual(brotliDecompressSync(br.rawPayload), raw.rawPayload);
    const gz = await t.app.inject({ url: css, headers: { 'accept-encoding': 'gzip;q=1, br;q=0' } });
    assert.equal(gz.headers['content-encoding'], 'gzip');
    assert.deepEqual(gunzipSync(gz.rawPayload), raw.rawPayload);
  });

  it('answers public API reads with ETag and 304', async () => {
    const first = await t.app.inject('/api/v1/agencies');
    assert.ok(first.headers.etag);
    assert.match(String(first.headers['cache-control']), /max-age=/);
    const again = await t.app.inject({ url: '/api/v1/agencies', headers: { 'if-none-match': String(first.headers.etag) } });
    assert.equal(again.statusCode, 304);
  });
});

describe('the yusr command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yusr-cli-'));
  const env = () => {
    const e = testEnv(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'yusr.db')}` } : {});
    return { ...process.env, ...e };
  };
  const shared = env();
  const yusr = (...args: string[]) => spawnSync('bin/yusr', args, { env: shared, encoding: 'utf8' });
  before(async () => {
    if (testEngine === 'postgres') await ensureProcessDatabase();
  });

  after(async () => {
    const { loadConfig } = await import('../src/config.ts');
    const { dropSchema } = await import('./helpers/app.ts');
    await dropSchema(loadConfig(shared));
  });

  it('migrates, loads the demo data once, and creates users', () => {
    const m = yusr('migrate');
    assert.equal(m.status, 0, m.stderr);
    assert.match(m.stdout, /Applied: 0001_platform/);
    assert.match(yusr('migrate').stdout, /up to date/);
    const d1 = yusr('demo', 'load');
    assert.equal(d1.status, 0, d1.stderr);
    assert.match(d1.stdout, /Loaded 38 agencies, 8 users, \d{3,4} services, .* \(the accounts' password is Yusr-Demo-2026\)/);
    assert.match(yusr('demo', 'load').stdout, /Loaded 0 agencies, 0 users, 0 services/);
    const u = yusr('user', 'create', '--email', 'ops@example.gov.sa', '--name', 'Ops Person', '--role', 'agency_admin', '--agency', 'moh');
    assert.equal(u.status, 0, u.stderr);
    assert.match(u.stdout, /Created ops@example.gov.sa as agency_admin\. Password: \S{16}/);
    const bad = yusr('user', 'create', '--email', 'nope', '--name', 'X', '--role', 'wizard');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /email/);
  });

  it('verifies the audit trail written by those commands', () => {
    const r = yusr('audit', 'verify');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /intact: \d{3,} records/);
  });

  it('backs up the database, files and a generated key into one private folder, and restores only into a fresh installation', () => {
    const out = join(dir, 'backup');
    const r = yusr('backup', '--out', out);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, new RegExp(`Backup written to ${out} \\(folder 0700, files 0600\\)`));
    assert.ok(!r.stdout.includes(String(shared.DATABASE_URL)), 'never prints the connection URL (it may carry a password)');
    if (testEngine === 'sqlite') {
      const copy = new SQLite(join(out, 'database.sqlite'), { readonly: true });
      assert.equal((copy.prepare('select count(*) n from agencies').get() as { n: number }).n, 38);
      copy.close();
    } else {
      assert.match(r.stdout, /database\.dump: the PostgreSQL schema \S+ \(pg_dump custom format\)/);
      assert.match(r.stdout, /SECRET_KEY comes from the environment and is NOT in the backup/);
    }
    const over = yusr('restore', '--from', out);
    assert.equal(over.status, 1);
    assert.match(
      over.stderr,
      testEngine === 'sqlite'
        ? /already exists: restore into a new DATABASE_URL/
        : /already has tables: restore into a new database or schema/,
    );
  });

  it('stops on bad configuration with one sentence', () => {
    const r = spawnSync('bin/yusr', ['migrate'], { env: { ...shared, PORT: 'eighty' }, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stderr.trim(), 'Configuration error: PORT must be a whole number between 1 and 65535 (got "eighty").');
  });
});

describe('production start-up and demo data', () => {
  const dir = mkdtempSync(join(tmpdir(), 'yusr-prod-'));
  const base = testEnv(testEngine === 'sqlite' ? { DATABASE_URL: `sqlite:${join(dir, 'yusr.db')}` } : {});
  const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
    const e: NodeJS.ProcessEnv = { ...process.env, ...base, NODE_ENV: 'production', WORKER: 'off', ...extra };
    if (!('DEMO_DATA' in extra)) delete e.DEMO_DATA;
    return e;
  };
  const userEmails = async () => {
    const database = await openDatabase(loadConfig(env()));
    try {
      return (await database.db.selectFrom('users').select('email').execute()).map((u) => u.email);
    } finally {
      await database.close();
    }
  };
  before(async () => {
    if (testEngine === 'postgres') await ensureProcessDatabase();
    const m = spawnSync('bin/yusr', ['migrate'], { env: env(), encoding: 'utf8' });
    assert.equal(m.status, 0, m.stderr);
  });
  after(() => dropSchema(loadConfig(env())));

  it('resolves DEMO_DATA: off in production unless it is on by name', () => {
    const c = (extra: Record<string, string>) =>
      loadConfig({ SECRET_KEY: 'x'.repeat(40), DATABASE_URL: 'sqlite::memory:', ...extra }).demoData;
    assert.equal(c({ NODE_ENV: 'production' }), 'off');
    assert.equal(c({ NODE_ENV: 'production', DEMO_DATA: 'auto' }), 'off');
    assert.equal(c({ NODE_ENV: 'production', DEMO_DATA: 'on' }), 'on');
    assert.equal(c({}), 'auto');
    assert.equal(c({ DEMO_DATA: 'off' }), 'off');
  });

  it('an empty production database starts without the demo accounts', async () => {
    const s = await startServe(env());
    try {
      assert.ok(!s.stdout().includes('Demo accounts'), s.stdout());
      assert.ok(!s.stderr().includes('WARNING'), s.stderr());
    } finally {
      await s.stop();
    }
    assert.deepEqual(await userEmails(), []);
  });

  it('served through an npm link from another folder, it renders pages (JSX settings come from the package)', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'yusr-elsewhere-'));
    mkdirSync(join(elsewhere, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(resolve('.'), join(elsewhere, 'node_modules', 'yusr'));
    symlinkSync('../yusr/bin/yusr', join(elsewhere, 'node_modules', '.bin', 'yusr'));
    const s = await startServe(env(), { command: join(elsewhere, 'node_modules', '.bin', 'yusr'), cwd: elsewhere });
    try {
      const res = await fetch(`http://127.0.0.1:${s.port}/en/sign-in`);
      assert.equal(res.status, 200, s.stdout() + s.stderr());
      assert.match(await res.text(), /name="email"/);
    } finally {
      await s.stop();
    }
  });

  it('DEMO_DATA=on in production loads them, and says so loudly on stderr', async () => {
    const s = await startServe(env({ DEMO_DATA: 'on' }));
    try {
      assert.ok(s.stderr().includes(PRODUCTION_DEMO_WARNING), s.stderr());
      assert.match(s.stdout(), /Demo accounts \(password Yusr-Demo-2026\)/);
    } finally {
      await s.stop();
    }
    assert.ok((await userEmails()).includes('admin@yusr.demo'));
  });
});

describe('one secret key per installation', () => {
  it('PostgreSQL without SECRET_KEY refuses to start, saying why', () => {
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://u@h:5432/d' }),
      /SECRET_KEY must be set \(at least 32 characters, the same on every node\) when DATABASE_URL is PostgreSQL/,
    );
    const env: NodeJS.ProcessEnv = { ...process.env, ...testEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres' }) };
    delete env.SECRET_KEY;
    const r = spawnSync('bin/yusr', ['serve'], { env, encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /^Configuration error: SECRET_KEY must be set .* when DATABASE_URL is PostgreSQL\.$/m);
  });

  it('SQLite without SECRET_KEY keeps one key beside its file, the same at every start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-key-'));
    const env = { DATABASE_URL: `sqlite:${join(dir, 'yusr.db')}` };
    const first = loadConfig(env).secretKey;
    assert.equal(loadConfig(env).secretKey, first);
    assert.equal(readFileSync(join(dir, 'secret.key'), 'utf8').trim(), first);
  });
});

describe('the yusr command flushes its output', () => {
  it('a piped output of megabytes arrives whole, and the command exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-pipe-'));
    const questions = Array.from({ length: 30 }, (_, i) => pct(`q${i}`));
    const framework = join(dir, 'framework.json');
    writeFileSync(
      framework,
      JSON.stringify({ id: 'big', version: '1', name_ar: 'إطار', name_en: 'Big', nodes: [g('p', questions, { type: 'perspective' })] }),
    );
    const rows = ['agency,question,value,na'];
    for (let a = 0; a < 400; a++) for (let i = 0; i < 30; i++) rows.push(`agency${a},q${i},${(a * 7 + i) % 101},`);
    const answers = join(dir, 'answers.csv');
    writeFileSync(answers, `${rows.join('\n')}\n`);
    const expected = await runScoreCommand(framework, answers, { format: 'json' });
    assert.ok(Buffer.byteLength(expected) > 1024 * 1024, 'well past the 128 KiB a pipe took before');
    const r = spawnSync('bin/yusr', ['measure', 'score', '--framework', framework, '--answers', answers, '--format', 'json'], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      maxBuffer: 64 * 1024 * 1024,
    });
    assert.equal(r.status, 0, String(r.stderr));
    assert.equal(r.stdout.length, Buffer.byteLength(expected));
    assert.equal(r.stdout.toString('utf8'), expected);
  });

  it('a reader that stops early gets its bytes and no stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-pipe-'));
    const framework = join(dir, 'framework.json');
    writeFileSync(
      framework,
      JSON.stringify({ id: 'x', version: '1', name_ar: 'إطار', name_en: 'X', nodes: [g('p', [pct('q')], { type: 'perspective' })] }),
    );
    const answers = join(dir, 'answers.csv');
    writeFileSync(answers, `agency,question,value,na\n${Array.from({ length: 20000 }, (_, a) => `a${a},q,50,`).join('\n')}\n`);
    const r = spawnSync(
      'sh',
      ['-c', `bin/yusr measure score --framework "$1" --answers "$2" --format json | head -c 100`, 'sh', framework, answers],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0);
    assert.equal(r.stdout.length, 100);
    assert.doesNotMatch(r.stderr, /EPIPE|Error/);
  });
});

describe('the yusr command through links, as npm installs it', () => {
  const root = resolve('.');
  const usage = /^yusr — the national e-government transformation platform/;

  it('runs from a node_modules/.bin link and from a link to that link, in any folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-link-'));
    mkdirSync(join(dir, 'project', 'node_modules', '.bin'), { recursive: true });
    symlinkSync(root, join(dir, 'project', 'node_modules', 'yusr'));
    symlinkSync('../yusr/bin/yusr', join(dir, 'project', 'node_modules', '.bin', 'yusr'));
    symlinkSync(join(dir, 'project', 'node_modules', '.bin', 'yusr'), join(dir, 'yusr'));
    for (const command of [join(dir, 'project', 'node_modules', '.bin', 'yusr'), join(dir, 'yusr')]) {
      const r = spawnSync(command, ['help'], { cwd: dir, encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, usage);
    }
  });

  it('finds tsx where npm hoisted it, beside the package rather than inside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'yusr-hoisted-'));
    const pkg = join(dir, 'node_modules', 'yusr');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    copyFileSync(join(root, 'bin', 'yusr'), join(pkg, 'bin', 'yusr'));
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    copyFileSync(join(root, 'tsconfig.json'), join(pkg, 'tsconfig.json'));
    symlinkSync(join(root, 'src'), join(pkg, 'src'));
    symlinkSync(join(root, 'node_modules', 'tsx'), join(dir, 'node_modules', 'tsx'));
    assert.ok(!existsSync(join(pkg, 'node_modules')));
    const r = spawnSync(join(pkg, 'bin', 'yusr'), ['help'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, usage);
  });
});

describe('/metrics in production', () => {
  it('is not served without METRICS_TOKEN, and only behind it with one', async () => {
    const closed = await testApp({ NODE_ENV: 'production' });
    try {
      assert.equal((await closed.app.inject('/metrics')).statusCode, 404);
    } finally {
      await closed.close();
    }
    const guarded = await testApp({ NODE_ENV: 'production', METRICS_TOKEN: 'metrics-token-0123456789' });
    try {
      assert.equal((await guarded.app.inject('/metrics')).statusCode, 401);
      assert.equal(
        (await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode,
        401,
      );
      const ok = await guarded.app.inject({ url: '/metrics', headers: { authorization: 'Bearer metrics-token-0123456789' } });
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /yusr_jobs\{status="pending"\}/);
    } finally {
      await guarded.close();
    }
    const development = await testApp();
    try {
      assert.equal((await development.app.inject('/metrics')).statusCode, 200, 'open on a laptop');
    } finally {
      await development.close();
    }
  });
});

describe('files Yusr creates are private to its user', () => {
  const mode = (p: string) => statSync(p).mode & 0o777;

  it('stored files are 0600 in 0700 folders', async () => {
    const t = await testApp();
    try {
      const stored = await t.deps.storage.put(Buffer.from('%PDF-1.4\n'), 'pdf');
      const path = join(t.config.storageDir, stored.key);
      assert.equal(mode(path), 0o600);
      assert.equal(mode(dirname(path)), 0o700);
    } finally {
      await t.close();
    }
  });

  it('the command creates the data folder 0700 and the database and generated key 0600', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'yusr-modes-')), 'data');
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...testEnv({ DATABASE_URL: `sqlite:${join(dir, 'yusr.db')}`, STORAGE_DIR: join(dir, 'files') }),
    };
    delete env.SECRET_KEY;
    const r = spawnSync('bin/yusr', ['migrate'], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(mode(dir), 0o700);
    assert.equal(mode(join(dir, 'yusr.db')), 0o600);
    assert.equal(mode(join(dir, 'secret.key')), 0o600);
  });
});

describe('SECURITY.md stays true', () => {
  it('names only test files that exist, and every ASVS 4.0.3 chapter', () => {
    const text = readFileSync('SECURITY.md', 'utf8');
    const named = [...text.matchAll(/`([\w./-]+\.test\.tsx?)`/g)].map((m) => m[1]);
    assert.ok(named.length > 20);
    for (const file of named) assert.ok(existsSync(file), `${file} is named in SECURITY.md but does not exist`);
    for (let chapter = 1; chapter <= 14; chapter++) assert.match(text, new RegExp(`^\\| V${chapter} `, 'm'), `V${chapter}`);
  });
});
