import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import type { RouteRecord } from '../src/platform/http/access.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService } from './helpers/catalog.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from './helpers/factories.ts';
import { multipart } from './helpers/multipart.ts';

/**
 * Property-based fuzzing of every route in the inventory: path parameters, query strings, JSON,
 * form and multipart bodies full of hostile values (U+0000, lone surrogates, huge numbers, wrong
 * types, broken JSON and %-encoding, long strings, odd Unicode), sent anonymously and as signed-in
 * staff with valid CSRF tokens. No answer may be a 5xx. Seeded per route and bounded (FUZZ_RUNS
 * cases per route and actor), so a run is the same every time.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 5);

/** A stable seed per actor and route (FNV-1a). */
const seedOf = (s: string) => {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
};

/** encodeURIComponent that never throws: a lone surrogate becomes U+FFFD first. */
const enc = (s: string) =>
  encodeURIComponent(s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'));

const NASTY = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800',
  '\u202Eevil',
  '\uFEFF',
  '🙂👩🏽‍💻',
  'ﷺ',
  '٣٤٥',
  'ـــ',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '../../etc/passwd',
  '__proto__',
  'constructor',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  '99999999999999999999999999',
  '-2147483649',
  '0x10',
  '2026-13-45',
  '2026-02-30',
  '1447-09-30',
  'null',
  'true',
  '[]',
  '{}',
  ' ',
  '',
  '%00',
  '%zz',
  '=HYPERLINK("x")',
  'x'.repeat(300),
  'ب'.repeat(6000),
];
const PLAUSIBLE = [
  '1',
  '2',
  '3',
  '0',
  'on',
  'ar',
  'en',
  'ministry',
  'active',
  'complaint',
  'other',
  'a@b.sa',
  '2026-01-01',
  'A sentence that is long enough to pass',
];
const FIELDS = [
  'name_ar',
  'name_en',
  'code',
  'kind',
  'status',
  'email',
  'password',
  'current_password',
  'new_password',
  'confirm',
  'username',
  'subject',
  'body',
  'category',
  'agency_id',
  'service_id',
  'contact_email',
  'contact_phone',
  'contact_name',
  'notify_by',
  'comment',
  'answers',
  'user_id',
  'role',
  'reason',
  'decision',
  'note',
  'to_agency_id',
  'into',
  'from',
  'to',
  'period_from',
  'period_to',
  'opens_on',
  'closes_on',
  'framework_id',
  'title_ar',
  'title_en',
  'type',
  'weight',
  'json',
  'key',
  'value',
  'q',
  'scopes',
  'name',
  'website',
  'phone',
  'locale',
  'next',
  'waiting',
  'yearly',
  'calendar',
  'first_response_hours',
  'resolution_hours',
  'channels',
  'audiences',
  'services',
  'agencies',
  'level',
  'score',
  'filename',
  'file',
  'dry_run',
  'format',
];
const QUERY_KEYS = [
  'q',
  'page',
  'per_page',
  'lang',
  'status',
  'from',
  'to',
  'level',
  'agency',
  'service',
  'section',
  'next',
  't',
  'kind',
  'category',
  'format',
  'id',
];
const RAW_QUERIES = [
  'a=%zz',
  '%',
  'q=%E0%A4%A',
  'page=1&page=2&page[x]=3',
  '&&==&',
  'q=%00',
  `q=${'x'.repeat(8000)}`,
  'per_page=-1e99',
  '__proto__[x]=1',
];
const RAW_PARAMS = ['%zz', '%', '%E0%A4%A', '%00', '%2e%2e%2f', '..', '%25zz', '%C0%AF', 'x'.repeat(250), '%F0%9F%99%82'];
const RAW_BODIES = [
  '{',
  '{"a":',
  '[1,2',
  'null',
  '"x"',
  '1e999',
  '[]'.repeat(1),
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  '\u0000',
  '{"a":"\\ud800"}',
  '{"__proto__":{"x":1}}',
];

const nasty = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 200, maxLength: 2000 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) },
);
const jsonish: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    nasty,
    fc.integer(),
    fc.double(),
    fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0, -1),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), tie('v'), { maxKeys: 4 }),
  ),
})).v;

interface Case {
  params: string[];
  query: string;
  body:
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; text: string; type: string }
    | { kind: 'form'; fields: [string, string][]; csrf: boolean }
    | { kind: 'multipart'; fields: [string, string][]; files: { name: string; data: number[] }[]; csrf: boolean };
  lang: string;
}

const paramValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('1', '2', '0', '-1', '99999999999', '2147483648', '9999999999', 'svc-fuzz', 'fuzz-agency', 'YSR-1448-000001')
      .map(enc),
  },
  { weight: 2, arbitrary: nasty.map(enc) },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_PARAMS) },
);
const queryString = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 6 })), nasty), { maxLength: 4 })
      .map((kv) => kv.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&')),
  },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_QUERIES) },
);
const formFields = (keys: string[]) =>
  fc
    .array(fc.tuple(fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 8 })), nasty), { maxLength: 8 })
    .map((kv) => kv.filter(([k]) => k !== '_csrf'));

function caseFor(route: RouteRecord): fc.Arbitrary<Case> {
  const paramCount = (route.url.match(/:[A-Za-z_]+/g) ?? []).length;
  const schema = route.schema as
    | { body?: { shape?: Record<string, unknown> }; querystring?: { shape?: Record<string, unknown> } }
    | undefined;
  const keys = [...new Set([...Object.keys(schema?.body?.shape ?? {}), ...FIELDS])];
  const api = route.url.startsWith('/api/');
  const writes = route.method !== 'GET';
  const json = fc
    .tuple(fc.subarray(keys, { maxLength: 8 }), fc.array(jsonish, { minLength: 8, maxLength: 8 }), fc.boolean())
    .map(([ks, vs, asObject]) => ({ kind: 'json' as const, value: asObject ? Object.fromEntries(ks.map((k, i) => [k, vs[i]])) : vs[0] }));
  const raw = fc
    .tuple(
      fc.constantFrom(...RAW_BODIES),
      fc.constantFrom(
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=zz',
        'multipart/form-data',
        'application/xml',
      ),
    )
    .map(([text, type]) => ({ kind: 'raw' as const, text, type }));
  const form = fc
    .tuple(formFields(keys), fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([fields, p]) => ({ kind: 'form' as const, fields, csrf: p > 0.1 }));
  const files = fc.array(fc.record({ name: nasty, data: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 64 }) }), { maxLength: 2 });
  const multi = fc
    .tuple(formFields(keys), files, fc.double({ min: 0, max: 1, noNaN: true }))
    .map(([fields, f, p]) => ({ kind: 'multipart' as const, fields, files: f, csrf: p > 0.1 }));
  const body: fc.Arbitrary<Case['body']> = !writes
    ? fc.constant({ kind: 'raw' as const, text: '', type: '' })
    : api
      ? fc.oneof({ weight: 6, arbitrary: json }, { weight: 2, arbitrary: raw }, { weight: 1, arbitrary: form })
      : fc.oneof(
          { weight: 5, arbitrary: form },
          { weight: 2, arbitrary: multi },
          { weight: 1, arbitrary: raw },
          { weight: 1, arbitrary: json },
        );
  return fc.record({
    params: fc.array(paramValue, { minLength: paramCount, maxLength: paramCount }),
    query: queryString,
    body,
    lang: fc.constantFrom('ar', 'en', 'fr', 'ar-SA,ar;q=0.9', '*'),
  });
}

/** A browser-like actor: its cookies and the CSRF token its pages carry. */
class Actor {
  cookies = '';
  csrf = '';
  constructor(
    readonly name: string,
    readonly t: TestApp,
    readonly ip: string,
  ) {}
  remember(res: LightMyRequestResponse) {
    const set = res.headers['set-cookie'];
    const jar = new Map(this.cookies ? this.cookies.split('; ').map((c) => c.split('=', 2) as [string, string]) : []);
    for (const c of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair, ...attrs] = c.split(';');
      const [k, v] = pair.split('=', 2);
      if (!v || attrs.some((a) => /max-age=0|expires=thu, 01 jan 1970/i.test(a))) jar.delete(k.trim());
      else jar.set(k.trim(), v.trim());
    }
    this.cookies = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async refreshCsrf() {
    const res = await this.t.app.inject({ url: '/en/sign-in', headers: { cookie: this.cookies }, remoteAddress: this.ip });
    this.remember(res);
    const page =
      res.statusCode === 303
        ? await this.t.app.inject({ url: '/en/account', headers: { cookie: this.cookies }, remoteAddress: this.ip })
        : res;
    this.csrf = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    assert.ok(this.csrf, `${this.name} has a CSRF token`);
  }
  async signIn(email: string) {
    this.cookies = '';
    await this.refreshCsrf();
    const body = new URLSearchParams({ _csrf: this.csrf, email, password: TEST_PASSWORD }).toString();
    const res = await this.t.app.inject({
      method: 'POST',
      url: '/en/sign-in',
      payload: body,
      headers: { cookie: this.cookies, 'content-type': 'application/x-www-form-urlencoded' },
      remoteAddress: this.ip,
    });
    assert.equal(res.statusCode, 303, `${this.name} signs in`);
    this.remember(res);
    await this.refreshCsrf();
  }
  async send(route: RouteRecord, c: Case) {
    let i = 0;
    const path = route.url.replace(/:[A-Za-z_]+/g, () => c.params[i++] ?? '1');
    const url = c.query ? `${path}?${c.query}` : path;
    const headers: Record<string, string> = { cookie: this.cookies, 'accept-language': c.lang };
    let payload: string | Buffer | undefined;
    const b = c.body;
    if (route.method !== 'GET') {
      if (b.kind === 'json') {
        payload = JSON.stringify(b.value) ?? 'null';
        headers['content-type'] = 'application/json';
        headers['x-csrf-token'] = this.csrf;
      } else if (b.kind === 'raw') {
        payload = b.text;
        if (b.type) headers['content-type'] = b.type;
      } else if (b.kind === 'form') {
        const form = new URLSearchParams();
        if (b.csrf) form.append('_csrf', this.csrf);
        for (const [k, v] of b.fields) form.append(k.replace(/[\uD800-\uDFFF]/g, ''), v.replace(/[\uD800-\uDFFF]/g, ''));
        payload = form.toString();
        headers['content-type'] = 'application/x-www-form-urlencoded';
      } else {
        const fields: Record<string, string> = b.csrf ? { _csrf: this.csrf } : {};
        for (const [k, v] of b.fields) if (!/["\r\n]/.test(k)) fields[k] = v;
        const m = multipart(
          fields,
          b.files.map((f) => ({ filename: f.name.replace(/["\r\n]/g, '_'), data: Buffer.from(f.data) })),
        );
        payload = m.payload;
        headers['content-type'] = m.contentType;
      }
    }
    const res = await this.t.app.inject({ method: route.method as 'GET', url, payload, headers, remoteAddress: this.ip });
    this.remember(res);
    return { url, res };
  }
}

describe('fuzz: no route answers a 5xx, whatever it is sent', () => {
  let t: TestApp;
  const actors: Record<string, Actor> = {};
  let reauth = 0;
  let staff: { email: string; role: 'program_admin' | 'agency_admin'; agencyId: number | null }[] = [];

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'fuzz-agency' });
    await buildService(t.deps, agency.id, { identifier: 'svc-fuzz' });
    staff = [
      { email: 'fuzz-po@example.gov.sa', role: 'program_admin', agencyId: null },
      { email: 'fuzz-aa@example.gov.sa', role: 'agency_admin', agencyId: agency.id },
    ];
    for (const s of staff) await buildUser(t.deps, { email: s.email, role: s.role, agencyId: s.agencyId });
    actors.anonymous = new Actor('anonymous', t, '10.9.0.1');
    await actors.anonymous.refreshCsrf();
    actors.program_admin = new Actor('program_admin', t, '10.9.0.2');
    await actors.program_admin.signIn(staff[0].email);
    actors.agency_admin = new Actor('agency_admin', t, '10.9.0.3');
    await actors.agency_admin.signIn(staff[1].email);
    // A case, so tracking numbers and case ids lead somewhere.
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/feedback/cases',
      payload: {
        kind: 'complaint',
        category: 'other',
        agency_id: agency.id,
        subject: 'Fuzz case',
        body: 'A case for the fuzzer to find',
        contact_email: 'f@example.com',
      },
    });
    assert.equal(res.statusCode, 201);
  });
  after(() => t.close());

  /** Signs the actor in again when a fuzzed request ended its session (sign-out, a deactivation). */
  async function keepSignedIn(name: string) {
    const actor = actors[name];
    const who = staff.find((s) => s.role === name);
    if (!who) return actor.refreshCsrf();
    const res = await t.app.inject({ url: '/en/account', headers: { cookie: actor.cookies }, remoteAddress: actor.ip });
    if (res.statusCode === 200) return;
    await t.deps.db
      .updateTable('users')
      .set({ status: 'active', locked_until: null, failed_logins: 0 })
      .where('email', '=', who.email)
      .execute();
    reauth += 1;
    const fresh = new Actor(name, t, `10.8.${reauth >> 8}.${reauth & 255}`);
    await fresh.signIn(who.email);
    actors[name] = fresh;
  }

  const routes = () => t.app.routeInventory.filter((r) => r.method !== 'HEAD' && !r.url.startsWith('/ar/') && r.url !== '/ar');

  for (const name of ['anonymous', 'program_admin', 'agency_admin']) {
    it(`as ${name}`, async () => {
      const failures: string[] = [];
      // Public routes are fuzzed anonymously and as the program office; the agency administrator
      // adds what only staff reach.
      for (const route of routes().filter((r) => name !== 'agency_admin' || r.access !== 'public')) {
        const label = `${route.method} ${route.url}`;
        const result = await fc.check(
          fc.asyncProperty(caseFor(route), async (c) => {
            const { url, res } = await actors[name].send(route, c);
            if (res.statusCode >= 500)
              throw new Error(`${res.statusCode} for ${route.method} ${url.slice(0, 300)}: ${res.body.slice(0, 300)}`);
          }),
          { seed: seedOf(`${name}|${label}`), numRuns: RUNS, endOnFailure: true },
        );
        if (result.failed)
          failures.push(
            `${label}\n  input: ${fc.stringify(result.counterexample).slice(0, 600)}\n  ${String((result.errorInstance as Error)?.message).slice(0, 600)}`,
          );
        await keepSignedIn(name);
      }
      assert.ok(routes().length > 100, 'the inventory saw the routes');
      assert.deepEqual(failures, [], `${failures.length} routes answered 5xx as ${name}:\n${failures.join('\n')}`);
    });
  }
});
