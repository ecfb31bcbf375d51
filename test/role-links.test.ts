import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Role } from '../src/platform/authz/roles.ts';
import type { SampleBuilder } from './browser/a11y/types.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { type Client, signedIn } from './helpers/client.ts';
import { buildUser } from './helpers/factories.ts';

/**
 * A link walk as every role: each person starts at their console and the home page and follows
 * every link on every page they are shown (within limits), and no link may lead to a page that
 * refuses them (403), is missing (404) or fails (5xx). A link a role cannot use should not be shown
 * to that role. The data are the accessibility test's samples (every page has some), so a new page
 * is walked too once its module links to it.
 */

const ROLES: Role[] = ['program_admin', 'program_reviewer', 'agency_admin', 'agency_editor', 'judge', 'advisor', 'leadership_viewer'];
/** Pages per role, and addresses of one shape (same path up to the third segment, same depth, same query names). */
const MAX_PAGES = 500;
const PER_SHAPE = 4;

const shape = (url: URL) => {
  const parts = url.pathname.split('/');
  return `${parts.map((s, i) => (i < 4 ? s : '*')).join('/')}?${[...url.searchParams.keys()].sort().join('&')}`;
};

/** Addresses that are not pages to read: they change state when followed or are files, checked by status only. */
const isFile = (path: string) =>
  /\.(pdf|csv|xlsx|zip|ics|atom|json|jsonld|ttl|xml|png|svg|txt)$/.test(path) || /\/(download|export)\b/.test(path);
const isExit = (path: string) => /\/sign-out|\/logout|\/oidc\//.test(path);

async function walk(client: Client, starts: string[]) {
  const seen = new Set<string>();
  const perShape = new Map<string, number>();
  const queue = starts.map((s) => ({ url: s, from: '(start)' }));
  const bad: string[] = [];
  let pages = 0;
  while (queue.length && pages < MAX_PAGES) {
    const { url, from } = queue.shift() as { url: string; from: string };
    const u = new URL(url, 'http://yusr.test');
    const key = shape(u);
    const n = perShape.get(key) ?? 0;
    if (n >= PER_SHAPE) continue;
    perShape.set(key, n + 1);
    pages++;
    const res = await client.get(u.pathname + u.search);
    if (res.statusCode === 403 || res.statusCode === 404 || res.statusCode >= 500)
      bad.push(`${u.pathname}${u.search} → ${res.statusCode} (linked from ${from})`);
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200 || !type.startsWith('text/html')) continue;
    for (const m of res.body.matchAll(/<a\b[^>]*\bhref="([^"#]+)(?:#[^"]*)?"/g)) {
      const href = m[1].replace(/&amp;/g, '&');
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      const next = new URL(href, 'http://yusr.test');
      if (isExit(next.pathname)) continue;
      const id = next.pathname + next.search;
      if (seen.has(id)) continue;
      seen.add(id);
      if (isFile(next.pathname)) queue.unshift({ url: id, from: u.pathname + u.search });
      else queue.push({ url: id, from: u.pathname + u.search });
    }
  }
  return { bad, pages };
}

describe('links as every role (no link to a page the role cannot open)', () => {
  let t: TestApp;
  let agencyId: number;

  before(async () => {
    t = await testApp();
    const admin = await buildUser(t.deps, { email: 'walk-admin@example.gov.sa', role: 'program_admin' });
    const files = readdirSync(new URL('./browser/a11y/', import.meta.url)).filter((f) => f.endsWith('.ts') && f !== 'types.ts');
    for (const f of files.sort()) {
      const build = (await import(`./browser/a11y/${f}`)).default as SampleBuilder;
      await build({ deps: t.deps, adminEmail: admin.email, drain: t.drain });
    }
    // Agency staff of the agency that owns the most services: the richest agency in the samples.
    const top = await t.deps.db
      .selectFrom('services')
      .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('agency_id')
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    agencyId = Number(top.agency_id);
  });
  after(() => t.close());

  for (const role of ROLES) {
    it(`as ${role}`, async (ctx) => {
      const agency = role === 'agency_admin' || role === 'agency_editor' ? agencyId : null;
      const email = `walk-${role.replace(/_/g, '-')}@example.gov.sa`;
      await buildUser(t.deps, { email, role, agencyId: agency });
      const client = await signedIn(t.app, email);
      const { bad, pages } = await walk(client, ['/ar/console', '/ar/']);
      ctx.diagnostic(`${pages} pages walked`);
      assert.ok(pages > 5, `walked only ${pages} pages`);
      assert.deepEqual(bad, [], `${role} was shown links that fail`);
    });
  }
});
