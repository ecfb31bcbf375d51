import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { type TrustProxy, trustProxySchema } from './platform/http/trust-proxy.ts';

/** Every environment variable Yusr reads, with its default and the sentence shown when it is wrong. */
export const configVariables = {
  NODE_ENV: {
    default: 'development',
    doc: '`production` for a live installation: `SECRET_KEY` is then required, demo data is never loaded unless `DEMO_DATA=on`, `/metrics` answers 404 without `METRICS_TOKEN`, program administrators need a second factor and OIDC issuers must use https. `test` is set by `npm test`.',
  },
  PORT: { default: '3000', doc: 'HTTP port of `yusr serve`.' },
  HOST: { default: '0.0.0.0', doc: 'Interface to listen on.' },
  BASE_URL: { default: 'http://localhost:$PORT', doc: 'Public address, used in emailed links and feeds.' },
  DATABASE_URL: {
    default: 'sqlite:data/yusr.db',
    doc: '`sqlite:<file>` (or `sqlite::memory:`) or `postgres://user@host:5432/db`.',
  },
  DATABASE_SCHEMA: { default: '(none)', doc: 'PostgreSQL schema to use (search_path); tests use one per file.' },
  DATABASE_POOL_SIZE: { default: '10', doc: 'PostgreSQL connections per process.' },
  SECRET_KEY: {
    default: 'generated into secret.key beside the SQLite file outside production',
    doc: 'At least 32 characters; signs sessions, CSRF tokens and emailed links. Required when `NODE_ENV=production`, and on PostgreSQL (Yusr refuses to start without it there: every node and every restart must sign with the same key).',
  },
  SMTP_URL: {
    default: '(none: local outbox)',
    doc: '`smtp://user:pass@host:port` or `smtps://…`; without it mail lands in the console outbox.',
  },
  MAIL_FROM: { default: 'Yusr <no-reply@yusr.localhost>', doc: 'Sender of every email.' },
  MAIL_RATE_PER_SECOND: { default: '200', doc: 'Global send-rate limit: emails and texts a second, across every worker process together.' },
  SMS_URL: { default: '(none: local outbox)', doc: 'HTTP endpoint of the SMS provider adapter (JSON POST).' },
  SMS_TOKEN: { default: '(none)', doc: 'Bearer token sent to the SMS provider.' },
  TIME_ZONE: { default: 'Asia/Riyadh', doc: 'IANA time zone for dates shown and for schedules.' },
  DEMO_DATA: {
    default: 'auto (off when NODE_ENV=production)',
    doc: '`auto` loads demo data on first start when the database is empty, except in production; `on` does so in production too, with a warning on stderr at every start; `off` never.',
  },
  DEMO_SERVICE_PORT: {
    default: '3901 (none in production or tests)',
    doc: "Port of the small local service the demo's availability probes watch (on 127.0.0.1: steady, flapping and down paths), started by `serve` when the demo's probes point at it; the probes may reach that one address and port although loopback is otherwise refused. `off` leaves it out: the demo's probes are then paused with a generated history. Never used in production.",
  },
  DEMO_OIDC_PORT: {
    default: '3902 (none in production or tests)',
    doc: "Port of the demo's local OpenID Connect provider (oidc-provider on 127.0.0.1, started by `serve` when demo data is on and `OIDC_PROVIDERS` is empty), added as the provider `demo_sso` for staff and beneficiaries: its sign-in form accepts **any address with any password**, so a demo staff account or a beneficiary signs in without an outside provider. `off` leaves it out. Never in production, whatever is set.",
  },
  WORKER: { default: 'inline', doc: '`inline` runs the job worker inside `serve`; `off` leaves it to `yusr worker`.' },
  WORKER_LEASE_SECONDS: {
    default: '30',
    doc: "How long a worker holds a claimed job or batch of messages without renewing it; it renews every third of that while it works, so a dead worker's work resumes elsewhere after at most this long.",
  },
  STORAGE_DIR: { default: 'data/files', doc: 'Where uploaded files are stored.' },
  LOG_LEVEL: { default: 'info', doc: 'pino level: fatal, error, warn, info, debug, trace, silent.' },
  TRUST_PROXY: {
    default: 'false',
    doc: 'Behind reverse proxies that set X-Forwarded-For: how many there are (`1` for one nginx or load balancer) or their addresses and CIDR ranges, comma-separated (`10.0.0.0/8,192.168.1.10`). `true` is refused: it trusted every hop, so clients chose their own address.',
  },
  SESSION_TTL_HOURS: { default: '12', doc: 'Idle lifetime of a console session.' },
  SESSION_MAX_HOURS: {
    default: '24',
    doc: 'Absolute lifetime of a console session, counted from sign-in however active it is; then the person signs in again.',
  },
  LOGIN_MAX_ATTEMPTS: {
    default: '5',
    doc: 'Failed sign-ins from one source (address or known browser) before that source is stopped for an account.',
  },
  LOGIN_LOCK_MINUTES: { default: '15', doc: 'How long that stop lasts; the owner signing in from elsewhere is not affected.' },
  METRICS_TOKEN: {
    default: '(none: /metrics is off in production, open elsewhere)',
    doc: 'When set, /metrics requires `Authorization: Bearer <token>`; in production /metrics answers 404 without one.',
  },
  AUDIT_KEY: {
    default: '(derived from SECRET_KEY)',
    doc: "At least 32 characters; the key of the audit trail's keyed hash chain and checkpoints. Set it apart from SECRET_KEY if that may ever be rotated: changing it fails every earlier record.",
  },
  CHROMIUM_PATH: {
    default: '/usr/bin/chromium',
    doc: 'Headless Chromium that prints PDFs (certificates); without it those downloads answer 503 and everything else works.',
  },
  CREDENTIAL_KEY: {
    default: '(derived from SECRET_KEY)',
    doc: "At least 32 characters; the Ed25519 key that signs certificates (Open Badges 3.0) is derived from it. Only public keys are stored, so certificates signed before a change still verify; set it apart from SECRET_KEY so rotating that does not change the issuer's key.",
  },
  AUDIT_CHECKPOINT_DIR: {
    default: '$STORAGE_DIR/audit-checkpoints',
    doc: "Where signed checkpoints of the audit chain's head are written every 5 minutes; best on storage the database's users cannot write.",
  },
  SECOND_FACTOR_REQUIRED: {
    default: '`program_admin` when NODE_ENV=production, else `none`',
    doc: 'Roles whose holders must use an authenticator app (TOTP) after their password, comma-separated, or `none`; they are sent to set one up at their next password sign-in, and a session opened before the rule covered them (a role given later, this setting changed) is sent to set it up before any page that needs a session (the API answers 403). Sign-in with a provider leaves the second factor to the provider. Off by default outside production, so the demo (whose passwords are published) signs in with a password alone.',
  },
  OIDC_PROVIDERS: {
    default: '(none: password sign-in only)',
    doc: 'Sign-in providers (OpenID Connect) for staff and, with `OIDC_<ID>_FOR`, beneficiaries; comma-separated ids of lower-case letters, digits and `_` (`agency_sso,nic`); each is configured by the `OIDC_<ID>_…` variables below (`<ID>` in upper case).',
  },
  'OIDC_<ID>_ISSUER': {
    default: '(required per provider)',
    doc: "The provider's issuer URL (its `/.well-known/openid-configuration` is read). Must be https, except `http://127.0.0.1` / `localhost` outside production.",
  },
  'OIDC_<ID>_CLIENT_ID': { default: '(required per provider)', doc: 'The client id Yusr is registered under.' },
  'OIDC_<ID>_CLIENT_SECRET': {
    default: '(required per provider)',
    doc: 'Its secret (sent with HTTP Basic). Register the redirect URI `$BASE_URL/sign-in/oidc/<id>/callback`, the back-channel logout URI `$BASE_URL/sign-in/oidc/<id>/backchannel-logout` (session required) or the front-channel one (`frontchannel_logout_uri`) `$BASE_URL/sign-in/oidc/<id>/frontchannel-logout` (session required: it needs `iss` and `sid`) and the post-logout URIs `$BASE_URL/ar/` and `$BASE_URL/en/`.',
  },
  'OIDC_<ID>_SCOPES': { default: '`openid email profile`', doc: 'Scopes asked for (must include `openid`).' },
  'OIDC_<ID>_EMAIL_CLAIM': {
    default: '`email`',
    doc: 'The claim holding the email address; `email_verified` must be `true` for a first sign-in to link.',
  },
  'OIDC_<ID>_AGENCY_CLAIM': {
    default: '(none)',
    doc: "A claim holding the agency's code; when set, a person with agency roles is signed in only if it names an agency they are a member of (it never grants membership).",
  },
  'OIDC_<ID>_FOR': {
    default: '`staff`',
    doc: 'Who signs in with it: `staff` (the staff sign-in page), `beneficiaries` (the national provider: people see their own items at `/my-data`; never required, and it opens no staff session) or `both`. For beneficiaries also register the redirect URI `$BASE_URL/my-data/oidc/<id>/callback`; their email (and phone, `phone_number`) must be verified by the provider to match anything.',
  },
  'OIDC_<ID>_NAME_AR': { default: '(the id)', doc: 'The Arabic name on the sign-in button.' },
  'OIDC_<ID>_NAME_EN': { default: '(the id)', doc: 'The English name on the sign-in button.' },
} as const;

const int = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number between ${min} and ${max}`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be a whole number between ${min} and ${max}`);

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: int(1, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  BASE_URL: z.url('must be an absolute URL such as https://yusr.example.gov').optional(),
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:.+|postgres(ql)?:\/\/.+)$/, 'must start with sqlite: or postgres://')
    .default('sqlite:data/yusr.db'),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATABASE_POOL_SIZE: int(1, 500).default(10),
  SECRET_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/.+/, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Yusr <no-reply@yusr.localhost>'),
  MAIL_RATE_PER_SECOND: int(1, 100000).default(200),
  SMS_URL: z.url('must be an absolute http(s) URL').optional(),
  SMS_TOKEN: z.string().optional(),
  TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Asia/Riyadh')
    .default('Asia/Riyadh'),
  DEMO_DATA: z.enum(['auto', 'on', 'off'], 'must be auto, on or off').optional(),
  DEMO_SERVICE_PORT: z.union([z.literal('off'), int(1024, 65535)], 'must be off or a port between 1024 and 65535').optional(),
  DEMO_OIDC_PORT: z.union([z.literal('off'), int(1024, 65535)], 'must be off or a port between 1024 and 65535').optional(),
  WORKER: z.enum(['inline', 'off'], 'must be inline or off').default('inline'),
  WORKER_LEASE_SECONDS: int(2, 3600).default(30),
  STORAGE_DIR: z.string().min(1).default('data/files'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'must be one of fatal, error, warn, info, debug, trace, silent')
    .default('info'),
  TRUST_PROXY: trustProxySchema.default(false),
  SESSION_TTL_HOURS: int(1, 24 * 30).default(12),
  SESSION_MAX_HOURS: int(1, 24 * 90).default(24),
  LOGIN_MAX_ATTEMPTS: int(1, 100).default(5),
  LOGIN_LOCK_MINUTES: int(1, 24 * 60).default(15),
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters long').optional(),
  AUDIT_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  AUDIT_CHECKPOINT_DIR: z.string().min(1).optional(),
  CREDENTIAL_KEY: z.string().min(32, 'must be at least 32 characters long').optional(),
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  SECOND_FACTOR_REQUIRED: z
    .string()
    .regex(/^(none|[a-z_]+(,[a-z_]+)*)$/, 'must be none or role names separated by commas')
    .optional(),
});

const secondFactorRoles = (v: string) => (v === 'none' ? [] : v.split(','));

export type Config = {
  env: string;
  port: number;
  host: string;
  baseUrl: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string; poolSize: number };
  secretKey: string;
  smtpUrl?: string;
  mailFrom: string;
  mailRatePerSecond: number;
  smsUrl?: string;
  smsToken?: string;
  timeZone: string;
  /** Resolved: `on` loads demo data into an empty database at start; `auto` outside production does the same. */
  demoData: 'auto' | 'on' | 'off';
  /** Port of the demo's local fake service for live probes (127.0.0.1), or null when there is none. */
  demoServicePort: number | null;
  worker: 'inline' | 'off';
  workerLeaseSeconds: number;
  storageDir: string;
  logLevel: string;
  trustProxy: TrustProxy;
  sessionTtlHours: number;
  sessionMaxHours: number;
  loginMaxAttempts: number;
  loginLockMinutes: number;
  metricsToken?: string;
  /** AUDIT_KEY when set; otherwise the audit chain's key is derived from secretKey (auditKeyOf). */
  auditKey?: string;
  auditCheckpointDir: string;
  /** CREDENTIAL_KEY when set; otherwise the certificate signing key is derived from secretKey. */
  credentialKey?: string;
  chromiumPath: string;
  /** Roles that must use a second factor after a password (SECOND_FACTOR_REQUIRED); empty for none. */
  secondFactorRoles: string[];
  /** Staff sign-in providers (OIDC_PROVIDERS and OIDC_<ID>_…), in the order listed. */
  oidcProviders: OidcProviderConfig[];
  /** The demo's local OIDC provider's port (DEMO_OIDC_PORT), when it is one of oidcProviders (`demo_sso`); never in production. */
  demoOidcPort: number | null;
};

/** One OpenID Connect provider staff may sign in with. */
export interface OidcProviderConfig {
  id: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  emailClaim: string;
  agencyClaim?: string;
  name: { ar: string; en: string };
  /** Who signs in with it (OIDC_<ID>_FOR): staff, beneficiaries (the national provider) or both. */
  for: 'staff' | 'beneficiaries' | 'both';
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws ConfigError with one sentence naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw: Record<string, string | undefined> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    raw[key] = v === undefined || v === '' ? undefined : v;
  }
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0]);
    throw new ConfigError(`Configuration error: ${name} ${issue.message.replace(/^Invalid input: /, '')} (got "${raw[name]}").`);
  }
  const e = parsed.data;
  const database: Config['database'] = e.DATABASE_URL.startsWith('sqlite:')
    ? { kind: 'sqlite', file: e.DATABASE_URL.slice('sqlite:'.length) }
    : { kind: 'postgres', url: e.DATABASE_URL, schema: e.DATABASE_SCHEMA, poolSize: e.DATABASE_POOL_SIZE };
  let secretKey = e.SECRET_KEY;
  if (!secretKey) {
    if (e.NODE_ENV === 'production') {
      throw new ConfigError('Configuration error: SECRET_KEY must be set (at least 32 characters) when NODE_ENV=production.');
    }
    // A key generated per process would change at every restart and differ between nodes, breaking
    // every emailed link; the database is no place for it (the audit chain's key derives from it).
    if (database.kind === 'postgres') {
      throw new ConfigError(
        'Configuration error: SECRET_KEY must be set (at least 32 characters, the same on every node) when DATABASE_URL is PostgreSQL.',
      );
    }
    secretKey = database.kind === 'sqlite' && database.file !== ':memory:' ? localSecret(database.file) : randomBytes(32).toString('hex');
  }
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    database,
    secretKey,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailRatePerSecond: e.MAIL_RATE_PER_SECOND,
    smsUrl: e.SMS_URL,
    smsToken: e.SMS_TOKEN,
    timeZone: e.TIME_ZONE,
    // Demo accounts carry a published password: production never gets them unless it asks by name.
    demoData: e.DEMO_DATA === 'on' ? 'on' : e.NODE_ENV === 'production' ? 'off' : (e.DEMO_DATA ?? 'auto'),
    // The demo's fake service for live probes: development only (tests set it when they want it).
    demoServicePort:
      e.NODE_ENV === 'production' || e.DEMO_SERVICE_PORT === 'off' ? null : (e.DEMO_SERVICE_PORT ?? (e.NODE_ENV === 'test' ? null : 3901)),
    worker: e.WORKER,
    workerLeaseSeconds: e.WORKER_LEASE_SECONDS,
    storageDir: e.STORAGE_DIR,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    sessionTtlHours: e.SESSION_TTL_HOURS,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    loginMaxAttempts: e.LOGIN_MAX_ATTEMPTS,
    loginLockMinutes: e.LOGIN_LOCK_MINUTES,
    metricsToken: e.METRICS_TOKEN,
    auditKey: e.AUDIT_KEY,
    auditCheckpointDir: e.AUDIT_CHECKPOINT_DIR ?? join(e.STORAGE_DIR, 'audit-checkpoints'),
    credentialKey: e.CREDENTIAL_KEY,
    chromiumPath: e.CHROMIUM_PATH,
    secondFactorRoles: secondFactorRoles(e.SECOND_FACTOR_REQUIRED ?? (e.NODE_ENV === 'production' ? 'program_admin' : 'none')),
    ...withDemoOidc(oidcProviders(env, e.NODE_ENV), e),
  };
}

/** The id, client and secret of the demo's local provider (published: it signs anyone in as any address). */
export const DEMO_OIDC = { id: 'demo_sso', clientId: 'yusr-demo', clientSecret: 'yusr-demo-provider-secret-published-never-in-production' };

/**
 * The demo's local provider joins the configured ones only outside production and tests, with demo
 * data on and no provider configured (a real one always wins).
 */
function withDemoOidc(
  providers: OidcProviderConfig[],
  e: { NODE_ENV: string; DEMO_OIDC_PORT?: number | 'off'; DEMO_DATA?: string; PORT: number },
): { oidcProviders: OidcProviderConfig[]; demoOidcPort: number | null } {
  const port = e.DEMO_OIDC_PORT === 'off' ? null : (e.DEMO_OIDC_PORT ?? (e.NODE_ENV === 'test' ? null : 3902));
  if (e.NODE_ENV === 'production' || !port || providers.length > 0 || e.DEMO_DATA === 'off')
    return { oidcProviders: providers, demoOidcPort: null };
  const demo: OidcProviderConfig = {
    id: DEMO_OIDC.id,
    issuer: `http://127.0.0.1:${port}`,
    clientId: DEMO_OIDC.clientId,
    clientSecret: DEMO_OIDC.clientSecret,
    scopes: 'openid email phone profile',
    emailClaim: 'email',
    name: { ar: 'الدخول التجريبي (نفاذ)', en: 'Demo single sign-on (Nafath)' },
    for: 'both',
  };
  return { oidcProviders: [demo], demoOidcPort: port };
}

/** OIDC_PROVIDERS and each provider's OIDC_<ID>_… variables, validated; a mistake names its variable. */
function oidcProviders(env: NodeJS.ProcessEnv, nodeEnv: string): OidcProviderConfig[] {
  const list = (env.OIDC_PROVIDERS ?? '').trim();
  if (!list) return [];
  const ids = list.split(',').map((s) => s.trim());
  const fail = (name: string, what: string): never => {
    throw new ConfigError(`Configuration error: ${name} ${what} (got "${env[name] ?? ''}").`);
  };
  return ids.map((id, i) => {
    if (!/^[a-z][a-z0-9_]{0,30}$/.test(id)) fail('OIDC_PROVIDERS', 'must list ids of lower-case letters, digits and _');
    if (ids.indexOf(id) !== i) fail('OIDC_PROVIDERS', `lists ${id} twice`);
    const key = (k: string) => `OIDC_${id.toUpperCase()}_${k}`;
    const get = (k: string) => (env[key(k)] ?? '').trim();
    const required = (k: string) => get(k) || fail(key(k), 'must be set');
    const issuer = required('ISSUER');
    let url: URL | null = null;
    try {
      url = new URL(issuer);
    } catch {
      fail(key('ISSUER'), 'must be an absolute URL');
    }
    const local = url?.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url?.protocol !== 'https:' && !(local && nodeEnv !== 'production')) {
      fail(key('ISSUER'), 'must be an https URL (http only for 127.0.0.1 or localhost outside production)');
    }
    const scopes = get('SCOPES') || 'openid email profile';
    if (!scopes.split(/\s+/).includes('openid')) fail(key('SCOPES'), 'must include openid');
    const claim = (k: string) => {
      const v = get(k);
      if (v && !/^[A-Za-z0-9_:.\-/]{1,100}$/.test(v)) fail(key(k), 'must be a claim name');
      return v || undefined;
    };
    return {
      id,
      issuer,
      clientId: required('CLIENT_ID'),
      clientSecret: required('CLIENT_SECRET'),
      scopes,
      emailClaim: claim('EMAIL_CLAIM') ?? 'email',
      agencyClaim: claim('AGENCY_CLAIM'),
      name: { ar: get('NAME_AR') || id, en: get('NAME_EN') || id },
      for: audience(get('FOR') || 'staff') ?? fail(key('FOR'), 'must be staff, beneficiaries or both'),
    };
  });
}

const audience = (v: string): OidcProviderConfig['for'] | null => (v === 'staff' || v === 'beneficiaries' || v === 'both' ? v : null);

/** A secret kept beside the SQLite file, so a laptop demo keeps its sessions across restarts. */
function localSecret(dbFile: string): string {
  const file = resolve(dirname(resolve(dbFile)), 'secret.key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
