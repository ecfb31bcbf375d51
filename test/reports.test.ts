import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { complaint, submitCase, submitRating } from '../src/modules/feedback/testing.ts';
import { addMonths, currentMonth, saveMonth } from '../src/modules/kpi/testing.ts';
import { addPeriod, addTrack, createInitiative, createPlan, setPlanStatus } from '../src/modules/plan/testing.ts';
import { type Figure, loadPanels } from '../src/modules/reports/public.ts';
import { median, periodOf } from '../src/modules/reports/testing.ts';
import { setTarget } from '../src/modules/training/testing.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { localDate } from '../src/platform/i18n/dates.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService, buildTerms } from './helpers/catalog.ts';
import { type Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';

// The dashboard's figures against values worked out by hand on a small fixture built through the
// modules' own services; the scorecard's refusal; and a walk over every link on the page as each role.

describe('reports: national dashboard and agency scorecard', () => {
  let t: TestApp;
  let agencyA: number;
  let agencyB: number;
  let leader: Client;
  let office: Client;
  let adminA: Client;
  const last = addMonths(currentMonth(), -1);
  // From the first day of last month to a day from now: the services launched and rated today, last month's KPI figures.
  const period = () => ({ from: `${last}-01T00:00:00.000Z`, to: new Date(Date.now() + 86_400_000).toISOString() });
  const year = () => Number(localDate(new Date(new Date(period().to).getTime() - 1), t.deps.config.timeZone).slice(0, 4));
  let n = 0;
  const visitor = (): Ctx => ({ actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: `10.9.0.${++n}` });

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    agencyA = (await buildAgency(t.deps, { code: 'rep-a', name_en: 'Agency Alpha' })).id;
    agencyB = (await buildAgency(t.deps, { code: 'rep-b', name_en: 'Agency Beta' })).id;
    await buildService(t.deps, agencyA, { identifier: 'rep-a1' });
    await buildService(t.deps, agencyA, { identifier: 'rep-a2', data: { maturity: 'informational' } });
    await buildService(t.deps, agencyB, {
      identifier: 'rep-b1',
      data: { channels: [{ type: 'service_centre', availability: 'business_hours' }] } as never,
    });
    // CSAT: 5 and 4 agree, 2 does not → 2/3; one comment, not answered.
    await submitRating(t.deps, visitor(), 'rep-a1', { answers: { satisfied: 5 } });
    await submitRating(t.deps, visitor(), 'rep-a1', { answers: { satisfied: 4 }, comment: 'Quick and clear.' });
    await submitRating(t.deps, visitor(), 'rep-b1', { answers: { satisfied: 2 } });
    await submitCase(t.deps, visitor(), complaint(agencyA));
    // Last month: 900 of 1,000 transactions digital, 800 of 1,000 journeys completed, SAR 20,000.
    await saveMonth(
      t.deps,
      systemCtx(),
      (await t.deps.db.selectFrom('services').select('id').where('identifier', '=', 'rep-a1').executeTakeFirstOrThrow()).id,
      last,
      {
        month: last,
        web: '600',
        app: '200',
        kiosk: '100',
        call_centre: '60',
        service_centre: '40',
        started: '1000',
        completed: '800',
        total_cost: '20000',
        cost_includes: 'Hosting',
      },
      'api',
    );
    // A plan with one initiative of agency A and two reporting periods long past, neither reported: 2 late reports.
    const system = systemCtx('test');
    const plan = await createPlan(t.deps, system, {
      code: 'rep-ep',
      name_ar: 'الخطة',
      name_en: 'The plan',
      period_from: '2025-01-01',
      period_to: '2027-12-31',
    });
    const track = await addTrack(t.deps, system, plan.id, { name_ar: 'المسار', name_en: 'The track', weight: '1' });
    await addPeriod(t.deps, system, plan.id, { code: '2025-Q1', starts_on: '2025-01-01', ends_on: '2025-03-31', due_on: '2025-04-21' });
    await addPeriod(t.deps, system, plan.id, { code: '2025-Q2', starts_on: '2025-04-01', ends_on: '2025-06-30', due_on: '2025-07-21' });
    await createInitiative(t.deps, system, plan.id, {
      code: 'REP-01',
      name_ar: 'مبادرة',
      name_en: 'An initiative',
      objective_ar: 'هدف',
      objective_en: 'An objective',
      track_id: String(track.id),
      owner_agency_id: String(agencyA),
      weight: '1',
      planned_start: '2025-01-01',
      planned_end: '2025-12-31',
      budget_sar: '1000',
    });
    await setPlanStatus(t.deps, system, plan.id, { status: 'approved' });
    await setPlanStatus(t.deps, system, plan.id, { status: 'active' });
    // Agency A's training target this year: 50 % of its staff; nobody has completed a programme yet.
    await setTarget(t.deps, system, { agency_id: String(agencyA), year: String(year()), target_pct: '50' });
    await buildUser(t.deps, { email: 'leader@rep.test', role: 'leadership_viewer' });
    await buildUser(t.deps, { email: 'office@rep.test', role: 'program_admin' });
    await buildUser(t.deps, { email: 'admin-a@rep.test', role: 'agency_admin', agencyId: agencyA });
    leader = await signedIn(t.app, 'leader@rep.test');
    office = await signedIn(t.app, 'office@rep.test');
    adminA = await signedIn(t.app, 'admin-a@rep.test');
  });
  after(() => t.close());

  const figures = async (agencyId?: number) => {
    const out = new Map<string, Figure>();
    for (const p of await loadPanels(t.deps, { ...period(), agencyId }, systemCtx('test'))) for (const f of p.figures) out.set(f.id, f);
    return out;
  };
  const value = (m: Map<string, Figure>, id: string) => {
    assert.ok(m.has(id), `figure ${id} is on the dashboard`);
    return m.get(id)?.value;
  };
  const close = (a: number | null | undefined, b: number) =>
    assert.ok(a !== null && a !== undefined && Math.abs(a - b) < 1e-9, `${a} ≈ ${b}`);

  it('every national figure matches the hand-computed value', async () => {
    const f = await figures();
    // The catalog: 3 offered, 2 transactional and 1 informational; 2 with a web channel; all 3 live and launched now.
    assert.equal(value(f, 'catalog.offered'), 3);
    assert.deepEqual(
      f.get('catalog.offered')?.series?.map((p) => p.value),
      [1, 0, 2, 0],
    );
    assert.equal(value(f, 'catalog.digital'), 2);
    assert.equal(value(f, 'catalog.live_planned'), 3);
    assert.equal(value(f, 'catalog.planned'), 0);
    assert.equal(value(f, 'catalog.launched'), 3);
    assert.equal(f.get('catalog.launched')?.trend, 3);
    // The loop: CSAT 2/3 over 3 answers; 1 complaint per 3 ratings = 333.3 per 1,000; no SLA settled; 1 comment, none answered.
    close(value(f, 'feedback.csat'), 2 / 3);
    assert.equal(f.get('feedback.csat')?.base, 3);
    close(value(f, 'feedback.complaints_per_1000'), 1000 / 3);
    assert.equal(value(f, 'feedback.sla'), null);
    assert.equal(value(f, 'feedback.answered'), 0);
    // Three launches, none announced.
    assert.equal(value(f, 'notify.silent_launch_rate'), 1);
    // Service performance: 0.9, 0.8 and SAR 20.
    close(value(f, 'kpi.digital_take_up'), 0.9);
    close(value(f, 'kpi.completion'), 0.8);
    close(value(f, 'kpi.cost'), 20);
    // Nothing checked, no incident; no advisory or award activity.
    assert.equal(value(f, 'availability.uptime'), null);
    assert.equal(value(f, 'availability.incidents'), 0);
    // The plan: its one initiative has no milestone to slip and no KPI, so it is rated green (on track); its two period reports are missing.
    assert.equal(value(f, 'plan.on_track'), 1);
    assert.equal(f.get('plan.on_track')?.base, 1);
    assert.deepEqual(
      f.get('plan.tracks')?.series?.map((p) => [p.name?.en, p.value]),
      [['The track', 1]],
    );
    assert.equal(value(f, 'plan.late_reports'), 2);
    assert.equal(value(f, 'plan.kpis_off_target'), 0);
    // Training: one agency has a target (50 %) and 0 of its 1 staff trained: 0 of 1 targets met.
    assert.equal(value(f, 'training.targets_met'), 0);
    assert.equal(f.get('training.targets_met')?.base, 1);
    assert.equal(value(f, 'training.certificates'), 0);
    assert.equal(value(f, 'advisory.requests'), 0);
    assert.equal(value(f, 'award.editions'), 0);
    assert.equal(value(f, 'award.winners'), 0);
  });

  it("one agency's figures, and the national median beside them", async () => {
    const a = await figures(agencyA);
    assert.equal(value(a, 'catalog.offered'), 2);
    close(value(a, 'feedback.csat'), 1);
    close(value(a, 'feedback.complaints_per_1000'), 500);
    assert.equal(a.get('award.editions')?.nationalOnly, true, 'national-only figures stay off the scorecard');
    assert.equal(median([2, 1]), 1.5);
    assert.equal(median([3, null, 1, 2]), 2);
    assert.equal(median([]), null);
    const res = await leader.get(`/en/console/reports/agencies/${agencyA}?year=${last.slice(0, 4)}`);
    assert.equal(res.statusCode, 200);
    const row = /<tr data-figure="catalog\.offered">([\s\S]*?)<\/tr>/.exec(res.body)?.[1] ?? '';
    assert.deepEqual(
      [...row.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]),
      ['2', '1.5'],
    );
  });

  it('the period: a Gregorian or Hijri year or month', () => {
    const g = periodOf(t.deps, { cal: 'gregorian', year: 2026, month: 3 });
    assert.equal(g.to > g.from, true);
    const h = periodOf(t.deps, { cal: 'hijri', year: 1447, month: 9 });
    // Ramadan 1447 runs from 18 February to 19 March 2026 (Umm al-Qura).
    assert.match(h.from, /^2026-02-1[78]T/);
    assert.match(h.to, /^2026-03-1[89]T/);
  });

  it('the dashboard in both languages, with Arabic-Indic digits in Arabic; agency administrators land on their scorecard', async () => {
    const en = await office.get('/en/console/reports');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Is the beneficiary loop closed\?/);
    assert.match(en.body, /<svg class="report-chart" role="img"/);
    const ar = await leader.get(`/ar/console/reports/agencies/${agencyA}?year=${last.slice(0, 4)}`);
    assert.equal(ar.statusCode, 200);
    assert.match(ar.body, /<td class="num">٢<\/td>/);
    const landing = await adminA.get('/en/console/reports');
    assert.equal(landing.statusCode, 303);
    assert.match(landing.headers.location as string, new RegExp(`/en/console/reports/agencies/${agencyA}$`));
    assert.match(
      (await leader.get('/en/console')).body,
      /href="\/en\/console\/reports"/,
      "leadership's landing page leads to the dashboard",
    );
  });

  it("an agency administrator is refused another agency's scorecard, and the refusal is audited", async () => {
    const before = (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;
    assert.equal((await adminA.get(`/en/console/reports/agencies/${agencyB}`)).statusCode, 403);
    assert.equal((await adminA.get(`/en/console/reports/agencies/${agencyA}`)).statusCode, 200);
    const denied = (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'access.denied').execute()).length;
    assert.equal(denied, before + 1);
  });

  it('every link on the dashboard opens for the role that sees it', async () => {
    for (const [who, client] of [
      ['leadership', leader],
      ['program admin', office],
      ['agency admin', adminA],
    ] as const) {
      for (const lang of ['en', 'ar']) {
        let res = await client.get(`/${lang}/console/reports`);
        if (res.statusCode === 303) res = await client.get(res.headers.location as string);
        assert.equal(res.statusCode, 200, `${who}: the dashboard`);
        const hrefs = [
          ...new Set([...res.body.matchAll(/href="(\/(?:ar|en)\/[^"#]*)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'))),
        ];
        assert.ok(
          hrefs.some((h) => h.includes('/console/')),
          `${who}: the page has links`,
        );
        for (const href of hrefs) {
          const r = await client.get(href);
          assert.ok(![403, 404, 500].includes(r.statusCode), `${who} (${lang}): ${href} answered ${r.statusCode}`);
        }
      }
    }
  });
});
