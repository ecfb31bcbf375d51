import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { axe, shot, signInAs, startBrowser } from '../../../test/helpers/browser.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { runDueProbes, setProbePolicy } from './testing.ts';

// In Chromium, in both languages: the agency adds a probe in the console; its service (a real HTTP
// server on 127.0.0.1, named through an injected resolver) goes down; three failed runs open an
// incident; the agency opens it, follows the link to the drafted announcement and approves it; the
// public status page shows the outage with the announcement; the service comes back and two good
// runs close the incident. The worker's passes are run with the time given, never waited for.

const words = {
  ar: {
    add: 'إضافة المجسّ',
    review: 'راجع مسودة الإعلان واعتمدها',
    outage: 'خدمة واحدة منقطعة الآن',
    read: 'اقرأ الإعلان',
    ok: 'كل الخدمات المراقَبة تعمل',
  },
  en: {
    add: 'Add probe',
    review: 'Review and approve the drafted announcement',
    outage: '1 service has an outage now',
    read: 'Read the announcement',
    ok: 'All monitored services are operational',
  },
};

describe('availability in Chromium: an outage opens an incident, the agency approves the announcement, recovery closes it', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  let server: Server;
  let port = 0;
  const down = new Set<string>();

  before(async () => {
    server = createServer((req, res) =>
      down.has(String(req.headers.host).split(':')[0] ?? '') ? res.writeHead(503).end() : res.writeHead(200).end('ok'),
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    env = await startBrowser();
    setProbePolicy(env.t.deps, { allowAddresses: ['127.0.0.1'], hostGapMs: 0, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
  });
  after(async () => {
    await env.close();
    server.closeAllConnections();
    server.close();
  });

  for (const lang of ['ar', 'en'] as const) {
    it(`works end to end in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const w = words[lang];
      const host = `${lang}.agency.test`;
      const agency = await buildAgency(env.t.deps, {
        code: `agency-${lang}`,
        name_ar: 'هيئة المنصات',
        name_en: 'Platforms Authority',
        website: `https://${host}`,
      });
      const name = lang === 'ar' ? 'إصدار السجل' : 'Issue a register';
      await buildService(env.t.deps, agency.id, {
        identifier: `register-${lang}`,
        data: {
          name: { ar: 'إصدار السجل', en: 'Issue a register' },
          channels: [{ type: 'web', url: `http://${host}:${port}/`, availability: '24/7' }],
        },
      });
      await buildUser(env.t.deps, { email: `admin-${lang}@agency.test`, role: 'agency_admin', agencyId: agency.id, locale: lang });
      const staff = await (await env.context()).newPage();
      await signInAs(staff, `admin-${lang}@agency.test`, lang);
      await staff.goto(`/${lang}/console/availability/probes/new`);
      await staff.selectOption('#f-service_id', { label: name });
      await Promise.all([staff.waitForURL(/\/console\/availability\/probes\/\d+$/), staff.click(`button:has-text("${w.add}")`)]);
      assert.deepEqual(await axe(staff), []);

      const base = Date.now() + 1000;
      const pass = (minute: number) => runDueProbes(env.t.deps, new Date(base + minute * 60_000));
      assert.equal(await pass(0), 1);
      down.add(host);
      for (const m of [5, 10, 15]) await pass(m);
      await staff.goto(`/${lang}/console/availability/incidents`);
      await Promise.all([staff.waitForURL(/\/incidents\/\d+$/), staff.click(`a:has-text("${name}")`)]);
      assert.deepEqual(await axe(staff), []);
      await shot(staff, `availability-incident-${lang}`);
      await Promise.all([staff.waitForURL(/\/console\/announcements\/\d+$/), staff.click(`a:has-text("${w.review}")`)]);
      await Promise.all([staff.waitForURL(/\/console\/announcements\/\d+$/), staff.click('form[action$="/approve"] button[type=submit]')]);
      await env.t.drain();

      const visitor = await (await env.context({ width: 360 })).newPage();
      await visitor.goto(`/${lang}/status`);
      assert.match((await visitor.textContent('main')) ?? '', new RegExp(w.outage));
      assert.deepEqual(await axe(visitor), []);
      await shot(visitor, `availability-status-${lang}`);
      await Promise.all([visitor.waitForURL(/\/announcements\/\d+$/), visitor.click(`a:has-text("${w.read}")`)]);
      assert.match((await visitor.textContent('h1')) ?? '', new RegExp(name));

      down.delete(host);
      await pass(20);
      await pass(25);
      await visitor.goto(`/${lang}/status/services/register-${lang}`);
      assert.deepEqual(await axe(visitor), []);
      await visitor.goto(`/${lang}/status`);
      assert.match((await visitor.textContent('main')) ?? '', new RegExp(w.ok));
      const incident = await env.t.deps.db
        .selectFrom('availability_incidents')
        .selectAll()
        .where('agency_id', '=', agency.id)
        .executeTakeFirstOrThrow();
      assert.equal(incident.status, 'closed');
      assert.equal(incident.duration_seconds, 15 * 60);
    });
  }
});
