import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { submitRequest } from '../src/modules/advisory/testing.ts';
import { createProbe } from '../src/modules/availability/testing.ts';
import { addBranch, createCycle, createNomination } from '../src/modules/award/testing.ts';
import { publishInTransaction, requestReview, saveDraft } from '../src/modules/catalog/testing.ts';
import { addMonths, currentMonth, saveMonth } from '../src/modules/kpi/testing.ts';
import {
  addEvidence,
  answersForm,
  definitionOf,
  importFramework,
  openedRound,
  PDF,
  publishFramework,
  reviewAnswer,
  saveAnswers,
  smallFrameworkJson,
  submitAnswers,
} from '../src/modules/measure/testing.ts';
import { committees } from '../src/modules/plan/testing.ts';
import { fileRequest, runPurge } from '../src/modules/privacy/testing.ts';
import {
  addSession,
  createOffering,
  createProgramme,
  nominate,
  setOfferingStatus,
  setProgrammePublished,
} from '../src/modules/training/testing.ts';
import { modules } from '../src/modules.ts';
import { verifyAuditTrail } from '../src/platform/audit/checkpoint.ts';
import type { Membership } from '../src/platform/auth/actor.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService, sampleService } from './helpers/catalog.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';
import { unzip } from './helpers/zip.ts';

// Staff labels (`Name <email>`) in measure, kpi, catalog and availability, on both engines: a staff
// member who answered, reviewed and imported in measurement, entered figures, saved, sent for review
// and published a service record, and added a probe finds all of it in their archive; when the
// privacy office erases their account, none of those modules' tables holds their name or address
// any more, every row stays, and a colleague's labels are untouched. A third, whose account was
// closed more than the retention period ago, loses the same labels in every module that keeps staff
// labels (training, award and advisory too) to the nightly purge, which erases as the request does.

const SARA = { email: 'sara.labels@example.sa', name: 'Sara Labelsson' };
const OMAR = { email: 'omar.labels@example.sa', name: 'Omar Labelsson' };
const LAYLA = { email: 'layla.labels@example.sa', name: 'Layla Labelsson' };
const PEOPLE = [SARA, OMAR, LAYLA];
const MODULES = ['measure', 'kpi', 'catalog', 'availability', 'plan'];
const KINDS = ['measure.staff', 'kpi.staff', 'catalog.staff', 'availability.staff', 'plan.staff', 'plan.committee_member'];
/** Every module whose personal-data port erases staff labels (`eraseStaffLabels`), and the kind that counts them. */
const STAFF_LABELS = {
  measure: 'measure.staff',
  kpi: 'kpi.staff',
  catalog: 'catalog.staff',
  availability: 'availability.staff',
  plan: 'plan.staff',
  training: 'training.learning_record',
  award: 'award.staff',
  advisory: 'advisory.requester',
} as const;

describe('privacy: staff labels in measure, kpi, catalog and availability', () => {
  let t: TestApp;
  let office: Client;
  const serviceIds: number[] = [];
  const tables = (names = MODULES) => names.flatMap((name) => modules.find((m) => m.name === name)?.tables ?? []);
  /** Every row of the modules' tables, one JSON line per table. */
  const dump = async (names = MODULES) => {
    const out: string[] = [];
    for (const table of tables(names))
      out.push(
        JSON.stringify(
          await t.deps.db
            .selectFrom(table as 'measure_answers')
            .selectAll()
            .execute(),
        ),
      );
    return out.join('\n');
  };
  const rowCounts = async (names = MODULES) => {
    const out: Record<string, number> = {};
    for (const table of tables(names))
      out[table] = Number(
        (
          await t.deps.db
            .selectFrom(table as 'measure_answers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  };
  const occurrences = (text: string, s: string) => text.split(s).length - 1;

  /** A browser that proved the address through the pages (the code read from the outbox). */
  async function verified(email: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: '198.51.100.40' });
    await c.get('/en/my-data');
    const sent = await c.post('/en/my-data', { email });
    assert.equal(sent.statusCode, 200, sent.body.slice(0, 300));
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const mail = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('to_address', '=', email)
      .where('source', '=', 'privacy.code')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const code = /\d{6}/.exec(mail.text_body ?? '')?.[0] ?? '';
    const ok = await c.post('/en/my-data/verify', { pending, code });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    return c;
  }
  const archive = async (email: string) => {
    const res = await (await verified(email)).post('/en/my-data/archive', {});
    assert.equal(res.statusCode, 200);
    const json = (await unzip(res.rawPayload)).get('data.json')?.toString('utf8') ?? '';
    const doc = JSON.parse(json) as { modules: { module: string; kinds: { kind: string; records: Record<string, unknown>[] }[] }[] };
    return { json, kinds: Object.fromEntries(doc.modules.flatMap((m) => m.kinds.map((k) => [k.kind, k.records]))) };
  };

  before(async () => {
    t = await testApp();
    const sys = systemCtx('labels-test');
    await buildUser(t.deps, { email: 'office@labels.test', role: 'program_admin' });
    office = await signedIn(t.app, 'office@labels.test');
    const agencies = [];
    for (const code of ['labels-a', 'labels-b', 'labels-c']) agencies.push(await buildAgency(t.deps, { code }));
    // Sara administers agency A and the program; Omar administers agency B and reviews for the
    // program, Layla agency C and reviews too.
    const ctxs: Ctx[] = [];
    for (const [i, p] of PEOPLE.entries()) {
      const agencyId = agencies[i].id;
      const u = await buildUser(t.deps, { email: p.email, name: p.name, role: 'agency_admin', agencyId });
      const program = i === 0 ? 'program_admin' : 'program_reviewer';
      await t.deps.db
        .insertInto('memberships')
        .values({ user_id: u.id, role: program, agency_id: null, created_at: new Date().toISOString() })
        .execute();
      const memberships: Membership[] = [
        { role: 'agency_admin', agencyId },
        { role: program, agencyId: null },
      ];
      ctxs.push({
        actor: { kind: 'user', id: u.id, name: u.name, email: u.email, locale: 'en', memberships },
        lang: 'en',
        requestId: null,
        ip: null,
      });
    }

    // Catalog: each publishes their agency's service, then saves a draft of it and asks for its review.
    for (const [i, ctx] of ctxs.entries()) {
      const identifier = `labels-svc-${['sara', 'omar', 'layla'][i]}`;
      const row = await buildService(t.deps, agencies[i].id, { identifier, publish: false });
      await t.deps.db.transaction().execute((trx) => publishInTransaction(trx, t.deps, ctx, row, sampleService()));
      await saveDraft(t.deps, ctx, row.id, sampleService({ processing_time: 'P2D' }));
      await requestReview(t.deps, ctx, row.id, 'Please check the processing time');
      serviceIds.push(row.id);
    }

    // Measure: Sara imports the framework; each answers, adds evidence and submits for their agency; each reviews the other's.
    const fw = await importFramework(t.deps, ctxs[0], JSON.stringify(smallFrameworkJson()));
    await publishFramework(t.deps, sys, fw.id);
    const f = definitionOf(fw);
    const round = await openedRound(
      t.deps,
      fw.id,
      agencies.map((a) => a.id),
      { code: 'labels-round' },
    );
    const all = { 'q.yes': 'yes', 'q.pct': '70', 'q.na': 'NA', 'q.level': 'some', 'q.days': '4' };
    for (const [i, ctx] of ctxs.entries()) {
      await saveAnswers(t.deps, ctx, round.id, agencies[i].id, Object.keys(all), answersForm(f, all) as Record<string, unknown>);
      await addEvidence(t.deps, ctx, round.id, agencies[i].id, 'q.pct', PDF, 'Office list');
      await submitAnswers(t.deps, ctx, round.id, agencies[i].id, { attest: 'on' });
    }
    await reviewAnswer(t.deps, ctxs[0], round.id, agencies[1].id, 'q.days', { decision: 'accept' });
    await reviewAnswer(t.deps, ctxs[1], round.id, agencies[0].id, 'q.days', { decision: 'accept' });

    // KPI and availability: each enters last month's figures and adds a probe for their service.
    const month = addMonths(currentMonth(), -1);
    for (const [i, ctx] of ctxs.entries()) {
      const figures = {
        month,
        web: '600',
        app: '200',
        kiosk: '0',
        call_centre: '60',
        service_centre: '40',
        started: '1000',
        completed: '800',
      };
      await saveMonth(t.deps, ctx, serviceIds[i], month, figures, 'api');
      await createProbe(t.deps, ctx, { service_id: String(serviceIds[i]), interval_seconds: '3600' });
    }

    // Plan: each keeps their agency's e-transactions committee, is its chair (by account), holds a
    // meeting, records its minutes and a decision they own.
    for (const [i, ctx] of ctxs.entries()) {
      const committee = await committees.saveCommittee(t.deps, ctx, agencies[i].id, { name_ar: 'لجنة التعاملات', name_en: 'Committee' });
      const userId = ctx.actor.kind === 'user' ? ctx.actor.id : 0;
      const member = await committees.addMember(t.deps, ctx, committee.id, { user_id: String(userId), role_title: 'Chair', chair: 'on' });
      const meeting = await committees.addMeeting(t.deps, ctx, committee.id, {
        held_at: '2026-01-10T07:00:00.000Z',
        agenda: 'Digitising licences',
      });
      await committees.recordMinutes(t.deps, ctx, meeting.id, { minutes: 'Agreed to digitise licensing.' });
      await committees.addDecision(t.deps, ctx, meeting.id, {
        decision: 'Publish the licence service',
        owner_member_id: String(member.id),
        due_on: '2026-03-01',
      });
    }

    // Training, award and advisory: each nominates themselves for a course, nominates their agency
    // for the award and asks the advisory team a question.
    const today = new Date().toISOString().slice(0, 10);
    const addDays = (days: number) => new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const programme = await createProgramme(t.deps, sys, {
      code: 'LABELS-1',
      title_ar: 'حماية البيانات',
      title_en: 'Data protection',
      description_ar: 'و',
      description_en: 'd',
      audience: 'employees',
      track: 'data',
      hours: '2',
      delivery_mode: 'online',
      min_attendance_pct: '0',
    });
    await setProgrammePublished(t.deps, sys, programme.id, true);
    const offering = await createOffering(t.deps, sys, programme.id, {
      starts_on: today,
      ends_on: today,
      capacity: '10',
      online_url: 'https://meet.example.sa/labels',
    });
    await addSession(t.deps, sys, offering.id, { starts_at: `${today}T06:00:00Z`, ends_at: `${today}T08:00:00Z` });
    await setOfferingStatus(t.deps, sys, offering.id, { status: 'open' });
    const cycle = await createCycle(t.deps, sys, {
      number: '8',
      name_ar: 'الدورة الثامنة',
      name_en: 'Eighth edition',
      rules_ar: 'الشروط',
      rules_en: 'Rules',
      announced_on: addDays(-10),
      nominations_open_at: `${addDays(-5)}T00:00`,
      nominations_close_at: `${addDays(10)}T23:59:59`,
      screening_ends_on: addDays(20),
      judging_ends_on: addDays(40),
      results_on: addDays(60),
      judges_per_nomination: '1',
    });
    const branch = await addBranch(t.deps, sys, cycle.id, {
      code: 'plan',
      name_ar: 'خطة',
      name_en: 'Plan',
      description_ar: 'و',
      description_en: 'd',
      nominee_kind: 'agency',
      scale_max: '5',
      c1_name_ar: 'الأثر',
      c1_name_en: 'Impact',
      c1_weight: '1',
    });
    for (const [i, ctx] of ctxs.entries()) {
      const userId = ctx.actor.kind === 'user' ? ctx.actor.id : 0;
      await nominate(t.deps, ctx, offering.id, agencies[i].id, { user_ids: [String(userId)] });
      await createNomination(t.deps, ctx, cycle.id, agencies[i].id, {
        branch_id: String(branch.id),
        title_ar: `ترشيح ${i}`,
        title_en: `Nomination ${i}`,
        summary: 'Summary',
      });
      await submitRequest(t.deps, ctx, { type: 'other', title: `Advisory ${i}`, question: 'Which tender?', urgency: 'normal' });
    }
  });
  after(() => t.close());

  it('lists what a staff member did in the four modules in their archive, and nothing a colleague did', async () => {
    const { json, kinds } = await archive(SARA.email);
    for (const kind of KINDS) assert.ok((kinds[kind]?.length ?? 0) > 0, `${kind} in the archive`);
    const measure = JSON.stringify(kinds['measure.staff']);
    assert.match(measure, /"framework":\{"key":"small"/, 'the framework she imported');
    for (const action of [
      '"action":"save"',
      '"action":"evidence_add"',
      '"action":"submit"',
      '"action":"accept"',
      '"sign_off"',
      '"filename":"',
    ])
      assert.ok(measure.includes(action), `measure: ${action}`);
    assert.match(JSON.stringify(kinds['kpi.staff']), /"month":"\d{4}-\d{2}","version":1,"source":"api"/);
    const catalog = JSON.stringify(kinds['catalog.staff']);
    assert.match(catalog, /"publication":\{"service":"labels-svc-sara","version":1/);
    assert.match(catalog, /"review_note":"Please check the processing time"/);
    assert.match(JSON.stringify(kinds['availability.staff']), /"probe":\{.*"service_id":\d+/);
    assert.ok(!json.includes('labels-svc-omar'), 'not his service');
    // Her reviews are of his agency's answers, her saves of her own: never his actions.
    const agencyIds = new Set(
      (kinds['kpi.staff'] ?? [])
        .map((r) => (r.figures as { agency_id: number }).agency_id)
        .concat((kinds['availability.staff'] ?? []).map((r) => (r.probe as { agency_id: number }).agency_id)),
    );
    assert.equal(agencyIds.size, 1, 'her figures and probe only');
    assert.equal(
      (kinds['measure.staff'] ?? []).filter((r) => (r.action as { action?: string } | undefined)?.action === 'accept').length,
      1,
      'her one review decision, not his',
    );
  });

  it('erases the labels on the office’s approval: no name or address left, every row kept, a colleague untouched', async () => {
    const before = await dump();
    const countsBefore = await rowCounts();
    for (const s of [SARA.email, SARA.name]) assert.ok(before.includes(s), `${s} is there to erase`);
    const omarLabel = `${OMAR.name} <${OMAR.email}>`;
    const omarBefore = occurrences(before, omarLabel);
    assert.ok(omarBefore >= 10, 'his labels across the modules');

    const id = await fileRequest(t.deps, systemCtx('labels-test'), { email: SARA.email, phone: null }, 'erasure', {
      erasure_details: 'I left the ministry',
    });
    const done = await office.post(`/en/console/privacy/requests/${id}`, { action: 'complete', note: 'Checked' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));

    const afterDump = await dump();
    for (const s of [SARA.email, SARA.name]) assert.ok(!afterDump.includes(s), `no ${s} left in measure, kpi, catalog or availability`);
    assert.equal(occurrences(afterDump, omarLabel), omarBefore, 'his labels untouched');
    assert.deepEqual(await rowCounts(), countsBefore, 'every row kept');
    const labels = await t.deps.db
      .selectFrom('service_versions')
      .select('published_by')
      .where('service_id', '=', serviceIds[0])
      .orderBy('version')
      .execute();
    assert.deepEqual(
      labels.map((l) => l.published_by),
      ['[erased]'],
      'the version stays, without who published it',
    );
    const request = await t.deps.db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const outcome = JSON.parse(request.outcome_json ?? '{}') as { counts: Record<string, number> };
    for (const kind of KINDS) assert.ok((outcome.counts[kind] ?? 0) > 0, `${kind} counted in the outcome`);
    // Asked again, the archive holds none of it.
    const { kinds } = await archive(SARA.email);
    for (const kind of KINDS) assert.equal(kinds[kind]?.length ?? 0, 0, `${kind} empty after erasure`);
  });

  it('purges a closed account’s labels in every module as erasure does, after the period and not a second before; a colleague untouched', async () => {
    const staffModules = Object.keys(STAFF_LABELS);
    const laylaLabel = `${LAYLA.name} <${LAYLA.email}>`;
    const omarLabel = `${OMAR.name} <${OMAR.email}>`;
    const perModule = async (label: string) => {
      const out: Record<string, number> = {};
      for (const name of staffModules) out[name] = occurrences(await dump([name]), label);
      return out;
    };
    const layla = await t.deps.db.selectFrom('users').selectAll().where('email', '=', LAYLA.email).executeTakeFirstOrThrow();
    const laylaBefore = await perModule(laylaLabel);
    for (const name of staffModules) assert.ok(laylaBefore[name] > 0, `her labels in ${name}`);
    const omarBefore = await perModule(omarLabel);
    for (const name of staffModules) assert.ok(omarBefore[name] > 0, `his labels in ${name}`);

    // Her account is closed (deactivated) in the console; two years before 15 June 2026 (Riyadh) is
    // 14 June 2024 21:00 UTC.
    assert.equal((await office.post(`/en/console/users/${layla.id}/deactivate`, {})).statusCode, 303);
    const closedAt = (iso: string) =>
      t.deps.db.updateTable('account_closures').set({ closed_at: iso }).where('user_id', '=', layla.id).execute();
    const purge = async (key: string) => {
      const id = await runPurge(t.deps, systemCtx('labels-test'), 'schedule', new Date('2026-06-15T12:00:00Z'), key);
      assert.ok(id);
      const run = await t.deps.db.selectFrom('privacy_purge_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.ok(!run.counts_json.includes('@') && !run.counts_json.includes('Labelsson'), 'counts, never contents');
      return JSON.parse(run.counts_json) as Record<string, number>;
    };
    const everything = async () => JSON.stringify([await dump(staffModules), await dump(['identity'])]);

    // Closed one second too late to be due: nothing changes anywhere.
    await closedAt('2024-06-14T21:00:00.000Z');
    const untouched = await everything();
    const early = await purge('nightly:labels-1');
    assert.equal(early['identity.account'], 0);
    for (const kind of Object.values(STAFF_LABELS)) assert.equal(early[kind] ?? 0, 0, `${kind}: nothing purged`);
    assert.equal(await everything(), untouched, 'not a second before the cutoff');

    // Closed one second earlier: the purge erases her as an erasure request would.
    await closedAt('2024-06-14T20:59:59.000Z');
    const countsBefore = await rowCounts(staffModules);
    const auditBefore = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    const counts = await purge('nightly:labels-2');
    assert.equal(counts['identity.account'], 1);
    for (const kind of Object.values(STAFF_LABELS)) assert.ok((counts[kind] ?? 0) > 0, `${kind} counted in the report`);
    const afterDump = await dump(staffModules);
    for (const s of [LAYLA.email, LAYLA.name]) assert.ok(!afterDump.includes(s), `no ${s} left in ${staffModules.join(', ')}`);
    assert.deepEqual(await perModule(laylaLabel), Object.fromEntries(staffModules.map((m) => [m, 0])), 'her labels gone everywhere');
    assert.deepEqual(await perModule(omarLabel), omarBefore, 'his labels untouched');
    assert.deepEqual(await rowCounts(staffModules), countsBefore, 'every row kept');
    const gone = await t.deps.db.selectFrom('users').selectAll().where('id', '=', layla.id).executeTakeFirstOrThrow();
    assert.equal(gone.name, '[erased]');
    assert.equal(gone.email, `erased-${layla.id}@erased.invalid`);
    const omar = await t.deps.db.selectFrom('users').selectAll().where('email', '=', OMAR.email).executeTakeFirstOrThrow();
    assert.equal(omar.name, OMAR.name, 'his account untouched');
    const auditAfter = await t.deps.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    assert.deepEqual(auditAfter.slice(0, auditBefore.length), auditBefore, 'the audit trail is not rewritten');
    assert.equal((await verifyAuditTrail(t.deps)).ok, true, 'and its chain still verifies');
    // Counted once: the next night finds nothing more.
    const again = await purge('nightly:labels-3');
    assert.equal(again['identity.account'], 0);
    for (const kind of Object.values(STAFF_LABELS)) assert.equal(again[kind] ?? 0, 0, `${kind}: counted once`);
  });
});
