import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { verifyDocument } from '../../platform/credentials/credentials.ts';
import { credentialFor } from '../../platform/credentials/index.ts';
import { AppError } from '../../platform/http/errors.ts';
import { dayNumber, dualDateText, hijriDayNumber, hijriOf, isoDay, localDayNumber, zonedInstant } from '../../platform/i18n/dates.ts';
import { insertMembership } from '../identity/testing.ts';
import { cycleFormValues } from './award.service.ts';
import { type JudgeNotice, sendJudgeNotice } from './notices.ts';
import { addBranch, createCycle, createNomination, extendDeadline, submitNomination, withdrawNomination } from './testing.ts';

// The award end to end through its pages: an edition and its branches; nominations by agency
// administrators until the deadline (to the second, Riyadh time, and across an extension), with the
// evidence frozen at submission; screening; a panel with automatic, declared and office-added
// conflicts; balanced assignment; reviews hidden until one's own is submitted; decisions under
// maker-checker; the public results. Every refusal stores nothing.

const TZ = 'Asia/Riyadh';
/** A Date as a Riyadh wall-clock "YYYY-MM-DDTHH:MM:SS" (Riyadh has no daylight saving: UTC+3). */
const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const loc = (res: { headers: Record<string, unknown> }) => String(res.headers.location ?? '');
const idFrom = (res: { headers: Record<string, unknown> }) => Number(/\/(\d+)$/.exec(loc(res))?.[1]);

const rubric = {
  c1_name_ar: 'الأثر',
  c1_name_en: 'Impact',
  c1_weight: '3',
  c2_name_ar: 'الابتكار',
  c2_name_en: 'Innovation',
  c2_weight: '1',
};

describe('award: nominations, judging and results', () => {
  let t: TestApp;
  let office: Client;
  let reviewer: Client;
  let aAdmin: Client;
  let aEditor: Client;
  let bAdmin: Client;
  const judges: Client[] = [];
  const ids = { a: 0, b: 0, cycle: 0, eService: 0, plan: 0, n1: 0, n2: 0, n3: 0, nb: 0, j: [] as number[] };
  let serviceA = '';
  let draftServiceA = '';
  const count = async (table: 'award_nominations' | 'award_reviews' | 'award_conflicts') =>
    (await t.deps.db.selectFrom(table).select('id').execute()).length;
  const judgeMails = () =>
    t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'text_body', 'locale'])
      .where('source', '=', 'award')
      .where('ref_type', '=', 'award_cycle')
      .orderBy('id')
      .execute();

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    serviceA = (await buildService(t.deps, ids.a, { identifier: 'alpha-permits' })).identifier;
    draftServiceA = (await buildService(t.deps, ids.a, { identifier: 'alpha-draft', publish: false })).identifier;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    for (const i of [1, 2, 3, 4]) {
      const u = await buildUser(t.deps, { email: `judge${i}@program.sa`, role: 'judge', name: `Judge ${i}` });
      ids.j.push(u.id);
    }
    // Judge 3 also works for agency B: an automatic conflict with B's nominations.
    await insertMembership(t.deps.db, ids.j[2], 'agency_editor', ids.b);
    [office, reviewer, aAdmin, aEditor, bAdmin] = await Promise.all(
      ['office@program.sa', 'reviewer@program.sa', 'admin@a.sa', 'editor@a.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
    for (const i of [1, 2, 3, 4]) judges.push(await signedIn(t.app, `judge${i}@program.sa`));
  });
  after(() => t.close());

  it('lets the program administrator create an edition and its branches, refusing bad input field by field in both languages', async () => {
    const cycle = {
      number: '2',
      name_ar: 'الدورة الثانية',
      name_en: 'Second edition',
      rules_ar: 'الشروط',
      rules_en: 'The rules',
      announced_on: isoDay(dayNumber(2020, 1, 1)),
      nominations_open_at: riyadh(days(-10)),
      nominations_close_at: riyadh(days(30)),
      screening_ends_on: riyadh(days(40)).slice(0, 10),
      judging_ends_on: riyadh(days(60)).slice(0, 10),
      results_on: riyadh(days(90)).slice(0, 10),
      judges_per_nomination: '2',
    };
    const bad = await office.post('/ar/console/award/new', {
      ...cycle,
      name_ar: '',
      nominations_close_at: 'tomorrow',
      results_on: '2025-02-30',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-name_ar/);
    assert.match(bad.body, /أدخل تاريخًا ووقتًا صحيحين/);
    const order = await office.post('/en/console/award/new', { ...cycle, judging_ends_on: '2020-01-02' });
    assert.equal(order.statusCode, 400);
    assert.match(order.body, /must come after the one before it/);
    assert.equal((await t.deps.db.selectFrom('award_cycles').select('id').execute()).length, 0);

    assert.equal((await reviewer.post('/en/console/award/new', cycle)).statusCode, 403);
    assert.equal((await aAdmin.post('/en/console/award/new', cycle)).statusCode, 403);
    assert.ok([401, 303].includes((await t.app.inject({ method: 'GET', url: '/en/console/award' })).statusCode));

    const made = await office.post('/en/console/award/new', cycle);
    assert.equal(made.statusCode, 303, made.body);
    ids.cycle = idFrom(made);

    const noCriteria = await office.post(`/en/console/award/${ids.cycle}/branches`, {
      code: 'e-service',
      name_ar: 'أفضل خدمة',
      name_en: 'Best e-service',
      description_ar: 'وصف',
      description_en: 'About',
      nominee_kind: 'agency',
      scale_max: '5',
      c1_name_ar: 'الأثر',
      c1_weight: '0',
    });
    assert.equal(noCriteria.statusCode, 400);
    assert.match(noCriteria.body, /f-c1_name_en/);
    const branch = (code: string, extra: Record<string, string>) =>
      office.post(`/en/console/award/${ids.cycle}/branches`, {
        code,
        name_ar: `فرع ${code}`,
        name_en: `Branch ${code}`,
        description_ar: 'وصف',
        description_en: 'About',
        nominee_kind: 'agency',
        scale_max: '5',
        normalise: 'on',
        ...rubric,
        ...extra,
      });
    assert.equal((await branch('e-service', { requires_live_service: 'on' })).statusCode, 303);
    assert.equal((await branch('plan', { blind: 'on' })).statusCode, 303);
    const rows = await t.deps.db.selectFrom('award_branches').selectAll().orderBy('position').execute();
    [ids.eService, ids.plan] = rows.map((r) => r.id);
    assert.deepEqual(JSON.parse(rows[0].rubric_json), [
      { key: 'c1', name_ar: 'الأثر', name_en: 'Impact', weight: 3 },
      { key: 'c2', name_ar: 'الابتكار', name_en: 'Innovation', weight: 1 },
    ]);
    const page = await reviewer.get(`/ar/console/award/${ids.cycle}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /هـ/, 'Hijri dates beside Gregorian');
  });

  it('lets an agency administrator nominate for their agency only, checks the service is live, and freezes the evidence at submission', async () => {
    const form = {
      branch_id: String(ids.eService),
      title_ar: 'تصاريح ألفا',
      title_en: 'Alpha permits',
      summary: 'Permits in minutes.',
      service: serviceA,
    };
    assert.equal((await aEditor.post(`/en/console/award/${ids.cycle}/nominations/new`, form)).statusCode, 403);
    assert.equal((await bAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, form)).statusCode, 400, "B cannot name A's service");
    const wordy = await aAdmin.post(`/ar/console/award/${ids.cycle}/nominations/new`, { ...form, summary: 'كلمة '.repeat(501) });
    assert.equal(wordy.statusCode, 400);
    assert.match(wordy.body, /أطول من الحد المسموح/);
    assert.equal(await count('award_nominations'), 0);

    const made = await aAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, form);
    assert.equal(made.statusCode, 303, made.body);
    ids.n1 = idFrom(made);
    // A draft is the agency's: B's administrator and the judges cannot open it.
    assert.equal((await bAdmin.get(`/en/console/award/nominations/${ids.n1}`)).statusCode, 403);
    assert.equal((await judges[0].get(`/en/console/award/nominations/${ids.n1}`)).statusCode, 403);
    assert.equal((await aEditor.get(`/en/console/award/nominations/${ids.n1}`)).statusCode, 200);
    assert.equal((await bAdmin.post(`/en/console/award/nominations/${ids.n1}/submit`)).statusCode, 403);

    // A nomination naming a service that is not published cannot be submitted; nothing changes.
    const unpublished = await aAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, {
      ...form,
      title_en: 'Draft one',
      service: draftServiceA,
    });
    ids.n2 = idFrom(unpublished);
    const refused = await aAdmin.post(`/en/console/award/nominations/${ids.n2}/submit`);
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /not published and live/);
    const still = await t.deps.db.selectFrom('award_nominations').selectAll().where('id', '=', ids.n2).executeTakeFirstOrThrow();
    assert.equal(still.status, 'draft');
    assert.equal(still.evidence_json, null);

    assert.equal((await aAdmin.post(`/en/console/award/nominations/${ids.n1}/submit`)).statusCode, 303);
    const n1 = await t.deps.db.selectFrom('award_nominations').selectAll().where('id', '=', ids.n1).executeTakeFirstOrThrow();
    assert.equal(n1.status, 'submitted');
    const evidence = JSON.parse(n1.evidence_json ?? '{}');
    assert.equal(evidence.service.identifier, 'alpha-permits');
    assert.equal(evidence.service.status, 'live');
    assert.equal(evidence.agency.code, 'alpha');
    assert.deepEqual(evidence.plan, { on_track: 0, total: 0, share: null });
    assert.equal(
      (await aAdmin.post(`/en/console/award/nominations/${ids.n1}/save`, form)).statusCode,
      409,
      'a submitted nomination is frozen',
    );

    // Two more: A's plan achievement, and B's (judge 3 works for B).
    const plan = await aAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, {
      ...form,
      branch_id: String(ids.plan),
      title_en: 'Alpha plan',
      service: '',
    });
    ids.n3 = idFrom(plan);
    await aAdmin.post(`/en/console/award/nominations/${ids.n3}/submit`);
    const b = await bAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, {
      branch_id: String(ids.plan),
      title_ar: 'خطة بيتا',
      title_en: 'Beta plan',
      summary: 'Delivered.',
    });
    ids.nb = idFrom(b);
    await bAdmin.post(`/en/console/award/nominations/${ids.nb}/submit`);
    assert.equal((await withdrawAndCheck()).status, 'withdrawn');

    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'award.nomination.%').execute();
    assert.ok(audit.filter((a) => a.action === 'award.nomination.submit').length === 3);
  });

  async function withdrawAndCheck() {
    assert.equal((await bAdmin.post(`/en/console/award/nominations/${ids.n2}/withdraw`)).statusCode, 403);
    assert.equal((await aAdmin.post(`/en/console/award/nominations/${ids.n2}/withdraw`)).statusCode, 303);
    return t.deps.db.selectFrom('award_nominations').selectAll().where('id', '=', ids.n2).executeTakeFirstOrThrow();
  }

  it('refuses nominations after the deadline to the second (25 Dhu al-Hijjah, Riyadh time), in both languages, and across an extension', async () => {
    const ctx: Ctx = systemCtx('test', 'ar');
    // Last Hijri year's 25 Dhu al-Hijjah: always in the past, so the pages refuse it too.
    const closeDay = hijriDayNumber(hijriOf(localDayNumber(TZ, Date.now())).year - 1, 12, 25) as number;
    const cycle = await createCycle(t.deps, ctx, {
      number: '1',
      name_ar: 'الدورة الأولى',
      name_en: 'First edition',
      rules_ar: 'الشروط',
      rules_en: 'Rules',
      announced_on: isoDay(closeDay - 100),
      nominations_open_at: `${isoDay(closeDay - 90)}T00:00`,
      nominations_close_at: `${isoDay(closeDay)}T23:59:59`,
      screening_ends_on: isoDay(closeDay + 20),
      judging_ends_on: isoDay(closeDay + 40),
      results_on: isoDay(closeDay + 60),
      judges_per_nomination: '2',
    });
    const branch = await addBranch(t.deps, ctx, cycle.id, {
      code: 'plan',
      name_ar: 'خطة',
      name_en: 'Plan',
      description_ar: 'و',
      description_en: 'd',
      nominee_kind: 'agency',
      scale_max: '5',
      ...rubric,
    });
    const last = zonedInstant(TZ, closeDay, 23 * 60 + 59) + 59_000; // 23:59:59.000 Riyadh
    assert.equal(new Date(last).toISOString(), `${isoDay(closeDay)}T20:59:59.000Z`);
    const raw = { branch_id: String(branch.id), title_ar: 'ت', title_en: 't', summary: 's' };
    const before = await count('award_nominations');
    const inTime = await createNomination(t.deps, ctx, cycle.id, ids.a, raw, new Date(last));
    await createNomination(t.deps, ctx, cycle.id, ids.a, raw, new Date(last + 999));
    const refuse = async (at: number, lang: 'ar' | 'en') => {
      await assert.rejects(createNomination(t.deps, { ...ctx, lang }, cycle.id, ids.a, raw, new Date(at)), (e: unknown) => {
        assert.ok(e instanceof AppError && e.status === 409 && e.key === 'award.error.deadline_passed');
        assert.match(String(e.params?.deadline), lang === 'ar' ? /ذو الحجة/ : /Dhuʻl-Hijjah|Dhu/);
        return true;
      });
    };
    await refuse(last + 1000, 'ar'); // 00:00:00 the next day
    await refuse(last + 1000, 'en');
    await assert.rejects(submitNomination(t.deps, ctx, inTime.id, new Date(last + 1000)), /award.error.deadline_passed/);
    await assert.rejects(withdrawNomination(t.deps, ctx, inTime.id, new Date(last + 1000)), /award.error.deadline_passed/);
    assert.equal(await count('award_nominations'), before + 2, 'nothing stored after the deadline');
    assert.equal(
      (await t.deps.db.selectFrom('award_nominations').select('status').where('id', '=', inTime.id).executeTakeFirstOrThrow()).status,
      'draft',
    );

    // The program administrator extends it by a day (audited); 00:00:00 is then in time, the new end is not.
    const staff = {
      ...ctx,
      actor: {
        kind: 'user' as const,
        id: 1,
        name: 'R',
        email: 'r@x',
        locale: 'en' as const,
        memberships: [{ role: 'program_reviewer' as const, agencyId: null }],
      },
    };
    await assert.rejects(
      extendDeadline(t.deps, staff, cycle.id, { nominations_close_at: `${isoDay(closeDay + 1)}T23:59:59`, reason: 'x' }),
      /forbidden|policy/i,
    );
    await assert.rejects(extendDeadline(t.deps, ctx, cycle.id, { nominations_close_at: `${isoDay(closeDay - 1)}T23:59:59`, reason: 'x' }));
    await extendDeadline(t.deps, ctx, cycle.id, { nominations_close_at: `${isoDay(closeDay + 1)}T23:59:59`, reason: 'Eid holiday' });
    await submitNomination(t.deps, ctx, inTime.id, new Date(last + 1000));
    await createNomination(t.deps, ctx, cycle.id, ids.a, raw, new Date(last + 86_400_000));
    await refuse(last + 86_400_000 + 1000, 'en');
    const audit = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', 'award.cycle.extend').executeTakeFirstOrThrow();
    assert.match(audit.after_json ?? '', /Eid holiday/);

    // Through the pages: the refusal is a 409 page that says so in the reader's language.
    const page = await aAdmin.post(`/ar/console/award/${cycle.id}/nominations/new`, raw);
    assert.equal(page.statusCode, 409);
    assert.match(page.body, /أُغلق باب الترشيح/);
    const pageEn = await aAdmin.post(`/en/console/award/${cycle.id}/nominations/new`, raw);
    assert.match(pageEn.body, /Nominations closed on/);
    assert.equal(await count('award_nominations'), before + 3);
  });

  it('lets the program administrator correct an edition, keeping the opening and the deadline once nominations are open', async () => {
    const cycle = await t.deps.db.selectFrom('award_cycles').selectAll().where('id', '=', ids.cycle).executeTakeFirstOrThrow();
    const form = cycleFormValues(cycle, TZ);
    assert.match(form.nominations_close_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/);
    const page = await office.get(`/en/console/award/${ids.cycle}/edit`);
    assert.equal(page.statusCode, 200);
    assert.ok(page.body.includes(`value="${form.nominations_close_at}"`), 'the form shows the deadline to the second');
    for (const who of [reviewer, aAdmin]) assert.equal((await who.post(`/en/console/award/${ids.cycle}/edit`, form)).statusCode, 403);

    const audits = async () =>
      (await t.deps.db.selectFrom('audit_log').select('seq').where('action', '=', 'award.cycle.edit').execute()).length;
    const later = (local: string) => local.replace(/^(\d{4})/, (y) => String(Number(y) + 1));
    const moved = await office.post(`/ar/console/award/${ids.cycle}/edit`, {
      ...form,
      nominations_close_at: form.nominations_close_at.replace(/:(\d\d)$/, (_, sec) => (sec === '59' ? ':58' : ':59')),
    });
    assert.equal(moved.statusCode, 400);
    assert.match(moved.body, /غيّر الموعد النهائي بالتمديد/);
    const opened = await office.post(`/en/console/award/${ids.cycle}/edit`, {
      ...form,
      nominations_open_at: form.nominations_open_at.replace(/^(\d{4})/, (y) => String(Number(y) - 1)),
    });
    assert.equal(opened.statusCode, 400);
    assert.match(opened.body, /the opening can no longer change/);
    const order = await office.post(`/en/console/award/${ids.cycle}/edit`, { ...form, judging_ends_on: form.announced_on });
    assert.equal(order.statusCode, 400);
    assert.match(order.body, /must come after the one before it/);
    assert.equal(await audits(), 0, 'refusals change nothing');

    const saved = await office.post(`/en/console/award/${ids.cycle}/edit`, {
      ...form,
      name_en: 'Second edition (2nd)',
      results_on: later(form.results_on),
    });
    assert.equal(saved.statusCode, 303, saved.body);
    const after = await t.deps.db.selectFrom('award_cycles').selectAll().where('id', '=', ids.cycle).executeTakeFirstOrThrow();
    assert.equal(after.name_en, 'Second edition (2nd)');
    assert.equal(after.nominations_close_at, cycle.nominations_close_at);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['before_json', 'after_json'])
      .where('action', '=', 'award.cycle.edit')
      .executeTakeFirstOrThrow();
    assert.deepEqual(Object.keys(JSON.parse(audit.after_json ?? '{}')).sort(), ['name_en', 'results_at'], 'only what changed');
    // The name goes back for the rest of the story.
    assert.equal(
      (await office.post(`/en/console/award/${ids.cycle}/edit`, { ...form, results_on: later(form.results_on) })).statusCode,
      303,
    );
    assert.equal(await audits(), 2);
  });

  it('lets the office screen nominations; the nominee sees the reason, others do not', async () => {
    assert.equal((await aAdmin.post(`/en/console/award/nominations/${ids.n3}/screen`, { decision: 'eligible' })).statusCode, 403);
    const noReason = await reviewer.post(`/ar/console/award/nominations/${ids.nb}/screen`, { decision: 'ineligible' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /اذكر السبب/);
    for (const id of [ids.n1, ids.n3, ids.nb])
      assert.equal((await reviewer.post(`/en/console/award/nominations/${id}/screen`, { decision: 'eligible' })).statusCode, 303);
    // Found ineligible: the nominating agency sees why; another agency cannot open it.
    const late = await bAdmin.post(`/en/console/award/${ids.cycle}/nominations/new`, {
      branch_id: String(ids.plan),
      title_ar: 'مبادرة قديمة',
      title_en: 'Old initiative',
      summary: 'Delivered in 2019.',
    });
    const lateId = idFrom(late);
    await bAdmin.post(`/en/console/award/nominations/${lateId}/submit`);
    assert.equal(
      (
        await reviewer.post(`/en/console/award/nominations/${lateId}/screen`, {
          decision: 'ineligible',
          reason: 'Delivered before the eligibility period.',
        })
      ).statusCode,
      303,
    );
    assert.match((await bAdmin.get(`/ar/console/award/nominations/${lateId}`)).body, /Delivered before the eligibility period\./);
    assert.equal((await aAdmin.get(`/en/console/award/nominations/${lateId}`)).statusCode, 403);
    // The withdrawn one cannot be screened.
    assert.equal((await reviewer.post(`/en/console/award/nominations/${ids.n2}/screen`, { decision: 'eligible' })).statusCode, 409);
  });

  it('seats judges, records conflicts of every kind, and assigns k judges per nomination with even loads and no conflict', async () => {
    for (const j of ids.j)
      assert.equal((await office.post(`/en/console/award/${ids.cycle}/judges`, { user_id: String(j) })).statusCode, 303);
    assert.equal((await reviewer.post(`/en/console/award/${ids.cycle}/judges`, { user_id: String(ids.j[0]) })).statusCode, 403);
    const notJudge = await office.post(`/en/console/award/${ids.cycle}/judges`, { user_id: '1' });
    assert.equal(notJudge.statusCode, 400);
    // Judge 1 declares a conflict with agency A; the office adds one for judge 2 with B's nomination.
    assert.equal(
      (await judges[0].post(`/en/console/award/${ids.cycle}/conflicts`, { agency_id: String(ids.a), kind: 'collaboration' })).statusCode,
      303,
    );
    assert.equal(
      (
        await office.post(`/en/console/award/${ids.cycle}/conflicts`, {
          judge_user_id: String(ids.j[1]),
          nomination_id: String(ids.nb),
          kind: 'family',
        })
      ).statusCode,
      303,
    );
    assert.equal(
      (await aAdmin.post(`/en/console/award/${ids.cycle}/conflicts`, { agency_id: String(ids.a), kind: 'other' })).statusCode,
      403,
    );
    const stored = await t.deps.db.selectFrom('award_conflicts').selectAll().orderBy('id').execute();
    assert.deepEqual(
      stored.map((c) => [c.judge_user_id, c.source]),
      [
        [ids.j[0], 'declared'],
        [ids.j[1], 'office'],
      ],
    );

    await t.deps.db.updateTable('users').set({ locale: 'ar' }).where('id', '=', ids.j[3]).execute();
    assert.equal((await judges[0].post(`/en/console/award/${ids.cycle}/assign`)).statusCode, 403);
    await t.drain();
    assert.equal((await judgeMails()).length, 0, 'a refused run emails nobody');
    assert.equal((await reviewer.post(`/en/console/award/${ids.cycle}/assign`)).statusCode, 303);
    const reviews = await t.deps.db.selectFrom('award_reviews').selectAll().execute();
    const on = (n: number) =>
      reviews
        .filter((r) => r.nomination_id === n)
        .map((r) => r.judge_user_id)
        .sort();
    // n1, n3 are A's: judge 1 is out. nb is B's: judge 3 (member of B, automatic) and judge 2 (office) are out.
    for (const n of [ids.n1, ids.n3]) {
      assert.equal(on(n).length, 2);
      assert.ok(!on(n).includes(ids.j[0]));
    }
    assert.deepEqual(
      on(ids.nb),
      [ids.j[0], ids.j[3]].sort((a, b) => a - b),
    );
    const loads = ids.j.map((j) => reviews.filter((r) => r.judge_user_id === j).length);
    assert.ok(Math.max(...loads) - Math.min(...loads) <= 1, `loads ${loads}`);

    // Each judge given nominations is emailed once for the run, in their language: how many they have,
    // the last day of judging in Hijri and Gregorian, and a link to their judging list.
    await t.drain();
    const mails = await judgeMails();
    const told = loads.map((n, i) => [`judge${i + 1}@program.sa`, n] as const).filter(([, n]) => n > 0);
    assert.deepEqual(mails.map((m) => m.to_address).sort(), told.map(([e]) => e).sort());
    const cycle = await t.deps.db.selectFrom('award_cycles').selectAll().where('id', '=', ids.cycle).executeTakeFirstOrThrow();
    const lastDay = new Date(Date.parse(cycle.judging_ends_at) - 1);
    for (const [email, n] of told) {
      const m = mails.find((x) => x.to_address === email);
      assert.match(m?.text_body ?? '', new RegExp(`/console/award/${ids.cycle}/judging`));
      if (email === 'judge4@program.sa') {
        assert.equal(m?.locale, 'ar');
        assert.ok(m?.text_body.includes(dualDateText('ar', lastDay, TZ)), m?.text_body);
        assert.match(m?.text_body ?? '', n === 1 ? /ترشيح واحد/ : n === 2 ? /ترشيحان/ : /ترشيح/);
      } else {
        assert.ok(m?.text_body.includes(dualDateText('en', lastDay, TZ)), m?.text_body);
        assert.match(m?.text_body ?? '', new RegExp(`You have ${n === 1 ? 'one nomination' : `${n} nominations`} to judge`));
      }
    }
    // A rerun that adds nothing emails nobody; a retried job emails no judge twice.
    assert.equal((await reviewer.post(`/en/console/award/${ids.cycle}/assign`)).statusCode, 303);
    await t.drain();
    assert.equal((await judgeMails()).length, mails.length);
    const jobs = await t.deps.db.selectFrom('jobs').select('payload').where('kind', '=', 'award.judge_notice').execute();
    assert.equal(jobs.length, 1);
    assert.equal(await sendJudgeNotice(t.deps, JSON.parse(jobs[0]?.payload ?? '{}') as JudgeNotice), 0);
    assert.equal((await judgeMails()).length, mails.length);
    const panel = await office.get(`/ar/console/award/${ids.cycle}/panel`);
    assert.equal(panel.statusCode, 200);
    assert.match(panel.body, /تلقائي/);
    assert.match(panel.body, /أفصح عنه المحكّم/);

    // The office cannot assign a conflicted judge by hand either.
    const forced = await office.post(`/en/console/award/${ids.cycle}/assign/one`, {
      nomination_id: String(ids.nb),
      judge_user_id: String(ids.j[2]),
    });
    assert.equal(forced.statusCode, 400);
    assert.match(forced.body, /conflict of interest/);
    await t.drain();
    assert.equal((await judgeMails()).length, mails.length, 'a refused hand assignment emails nobody');

    // A hand assignment emails its judge (with their new total); taking it back leaves the panel as it was.
    const free = [ids.j[1], ids.j[2], ids.j[3]].find((j) => !on(ids.n1).includes(j)) as number;
    const byHand = await office.post(`/en/console/award/${ids.cycle}/assign/one`, {
      nomination_id: String(ids.n1),
      judge_user_id: String(free),
    });
    assert.equal(byHand.statusCode, 303);
    await t.drain();
    const handMails = (await judgeMails()).slice(mails.length);
    assert.deepEqual(
      handMails.map((m) => m.to_address),
      [`judge${ids.j.indexOf(free) + 1}@program.sa`],
    );
    const total = loads[ids.j.indexOf(free)] + 1;
    assert.match(handMails[0]?.text_body ?? '', free === ids.j[3] ? /ترشيح/ : new RegExp(`You have ${total} nominations to judge`));
    const added = await t.deps.db
      .selectFrom('award_reviews')
      .select('id')
      .where('nomination_id', '=', ids.n1)
      .where('judge_user_id', '=', free)
      .executeTakeFirstOrThrow();
    assert.equal((await office.post(`/en/console/award/reviews/${added.id}/unassign`)).statusCode, 303);
  });

  it('never shows a nomination to a judge in conflict with it or not assigned to it', async () => {
    const judgeOf = (id: number) => judges[ids.j.indexOf(id)];
    const reviews = await t.deps.db.selectFrom('award_reviews').selectAll().execute();
    for (const n of [ids.n1, ids.n3, ids.nb]) {
      const assigned = reviews.filter((r) => r.nomination_id === n).map((r) => r.judge_user_id);
      for (const j of ids.j) {
        const res = await judgeOf(j).get(`/en/console/award/nominations/${n}`);
        // Judge 3 works for B: B's nomination is open to them as B's staff, never as a judge (no reviews, no scoring form).
        const staffOfB = j === ids.j[2] && n === ids.nb;
        assert.equal(res.statusCode, assigned.includes(j) || staffOfB ? 200 : 403, `judge ${j} on nomination ${n}`);
        if (staffOfB) assert.doesNotMatch(res.body, /Your review|Reviews/);
      }
    }
    const list = await judges[0].get(`/en/console/award/${ids.cycle}/judging`);
    assert.equal(list.statusCode, 200);
    assert.match(list.body, /Beta plan/);
    assert.doesNotMatch(list.body, /Alpha permits|Alpha plan/);
    // The nominations list is not a way round it: a judge sees no nominations there.
    const all = await judges[0].get(`/en/console/award/${ids.cycle}/nominations`);
    assert.doesNotMatch(all.body, /Alpha permits|Alpha plan|Beta plan/);
    // …and the edition's page leads a judge to the judging list, not to that empty one.
    const edition = await judges[0].get(`/en/console/award/${ids.cycle}`);
    assert.match(edition.body, new RegExp(`href="/en/console/award/${ids.cycle}/judging"`));
    assert.doesNotMatch(edition.body, new RegExp(`href="/en/console/award/${ids.cycle}/nominations"`));
    // Blind review (the plan branch): a judge's page never names the nominating agency; the office's does.
    const onN3 = reviews.find((r) => r.nomination_id === ids.n3)?.judge_user_id as number;
    for (const lang of ['ar', 'en']) {
      const page = await judgeOf(onN3).get(`/${lang}/console/award/nominations/${ids.n3}`);
      assert.equal(page.statusCode, 200);
      assert.doesNotMatch(page.body, /Alpha Authority|هيئة ألفا|admin@a\.sa/);
      assert.match(page.body, /Blind review|تحكيم معمّى/);
    }
    assert.match((await office.get(`/en/console/award/nominations/${ids.n3}`)).body, /Alpha Authority/);
    const onN1 = reviews.find((r) => r.nomination_id === ids.n1)?.judge_user_id as number;
    assert.match((await judgeOf(onN1).get(`/en/console/award/nominations/${ids.n1}`)).body, /Alpha Authority/, 'not blind: named');
    // Declaring a conflict on an assigned nomination removes the assignment at once.
    const j4 = judges[3];
    assert.equal(
      (await j4.post(`/en/console/award/${ids.cycle}/conflicts`, { nomination_id: String(ids.nb), kind: 'financial' })).statusCode,
      303,
    );
    assert.equal((await j4.get(`/en/console/award/nominations/${ids.nb}`)).statusCode, 403);
    assert.equal(
      await t.deps.db
        .selectFrom('award_reviews')
        .select('id')
        .where('nomination_id', '=', ids.nb)
        .where('judge_user_id', '=', ids.j[3])
        .executeTakeFirst(),
      undefined,
    );
  });

  it("scores per criterion; a judge sees others' scores only after submitting their own", async () => {
    const reviews = await t.deps.db
      .selectFrom('award_reviews')
      .selectAll()
      .where('nomination_id', '=', ids.n1)
      .orderBy('judge_user_id')
      .execute();
    const [first, second] = reviews.map((r) => judges[ids.j.indexOf(r.judge_user_id)]);
    const url = `/en/console/award/nominations/${ids.n1}`;
    const bad = await first.post(`${url}/review`, { score_c1: '9', score_c2: '3', action: 'submit' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /whole number from 1 to 5/);
    assert.equal(
      (await first.post(`${url}/review`, { score_c1: '5', score_c2: '1', comment_c1: 'Superb impact', action: 'submit' })).statusCode,
      303,
    );
    assert.equal(
      (await first.post(`${url}/review`, { score_c1: '1', score_c2: '1', action: 'submit' })).statusCode,
      409,
      'a submitted review is final',
    );
    // The second judge, before submitting, sees no other scores.
    const before = await second.get(url);
    assert.doesNotMatch(before.body, /Superb impact/);
    assert.match(before.body, /appear once you submit your own/);
    assert.equal(
      (await second.post(`${url}/review`, { score_c1: '٤', score_c2: '2', comment_c1: 'Solid', action: 'submit' })).statusCode,
      303,
    );
    const afterSubmit = await second.get(url);
    assert.match(afterSubmit.body, /Superb impact/);
    // The nominating agency never sees scores.
    assert.doesNotMatch((await aAdmin.get(url)).body, /Superb impact/);
    // Weighted: (3·5 + 1)/4 = 4 and (3·4 + 2)/4 = 3.5; raw mean 3.75.
    const results = await reviewer.get(`/en/console/award/${ids.cycle}/results`);
    assert.equal(results.statusCode, 200);
    assert.match(results.body, /3\.75/);
    // Two judges 0.5 apart on one nomination: σ = 0.25.
    assert.match(results.body, /mean standard deviation of 0\.25 points over one nomination/);
    assert.match(results.body, /Nominations per branch by state/);
    assert.equal((await judges[0].get(`/en/console/award/${ids.cycle}/results`)).statusCode, 403);
  });

  it('opens the panel discussion to a judge only after their own review, never to a conflicted judge or the agency', async () => {
    const posts = async () => (await t.deps.db.selectFrom('award_discussion').select('id').execute()).length;
    const judgeOf = async (nomination: number) =>
      (
        await t.deps.db
          .selectFrom('award_reviews')
          .select(['judge_user_id', 'status'])
          .where('nomination_id', '=', nomination)
          .orderBy('judge_user_id')
          .execute()
      ).map((r) => ({ client: judges[ids.j.indexOf(r.judge_user_id)], status: r.status }));
    // n3: its judges have not submitted; judge 1 is in conflict with it (agency A).
    const pending = (await judgeOf(ids.n3))[0];
    assert.equal(pending.status, 'assigned');
    const n3 = `/en/console/award/nominations/${ids.n3}`;
    assert.doesNotMatch((await pending.client.get(n3)).body, /Panel discussion/);
    assert.equal((await pending.client.post(`${n3}/discussion`, { body: 'Too early' })).statusCode, 403);
    assert.equal((await judges[0].post(`${n3}/discussion`, { body: 'In conflict' })).statusCode, 403);
    assert.equal((await aAdmin.post(`${n3}/discussion`, { body: 'Our own' })).statusCode, 403);
    assert.equal(await posts(), 0, 'a refusal stores nothing');

    // n1: both judges have submitted.
    const [first, second] = (await judgeOf(ids.n1)).map((r) => r.client);
    const n1 = `/en/console/award/nominations/${ids.n1}`;
    const empty = await first.post(`${n1}/discussion`, { body: '   ' });
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /f-body/);
    const long = await first.post(`/ar${n1.slice(3)}/discussion`, { body: 'x'.repeat(4001) });
    assert.equal(long.statusCode, 400);
    assert.match(long.body, /لا تتجاوز/);
    assert.equal((await first.post(`${n1}/discussion`, { body: 'I weighed impact above all.\nThe figures are audited.' })).statusCode, 303);
    assert.equal((await reviewer.post(`${n1}/discussion`, { body: 'Please settle the gap on innovation.' })).statusCode, 303);
    const seen = (await second.get(n1)).body;
    assert.match(seen, /I weighed impact above all/);
    assert.match(seen, /settle the gap on innovation/);
    assert.match((await office.get(`/ar${n1.slice(3)}`)).body, /نقاش اللجنة/);
    const agencyView = (await aAdmin.get(n1)).body;
    assert.doesNotMatch(agencyView, /I weighed impact|Panel discussion/);
    const audited = await t.deps.db.selectFrom('audit_log').select('record_id').where('action', '=', 'award.discussion.post').execute();
    assert.equal(audited.length, 2);
    assert.equal(await posts(), 2);
  });

  it('decides under maker-checker and publishes bilingual results anyone can read', async () => {
    const n1 = String(ids.n1);
    const missing = await reviewer.post(`/en/console/award/branches/${ids.eService}/decision`, { [`outcome_${n1}`]: 'winner' });
    assert.equal(missing.statusCode, 400);
    assert.match(missing.body, /Write the citation/);
    const unscored = await reviewer.post(`/en/console/award/branches/${ids.plan}/decision`, {
      [`outcome_${ids.n3}`]: 'winner',
      [`citation_ar_${ids.n3}`]: 'س',
      [`citation_en_${ids.n3}`]: 'c',
    });
    assert.equal(unscored.statusCode, 400, 'only a scored nomination can be awarded');
    assert.equal(
      (
        await reviewer.post(`/en/console/award/branches/${ids.eService}/decision`, {
          [`outcome_${n1}`]: 'winner',
          [`citation_ar_${n1}`]: 'تقديرًا لتصاريح ألفا',
          [`citation_en_${n1}`]: 'For permits in minutes',
        })
      ).statusCode,
      303,
    );
    assert.equal((await reviewer.post(`/en/console/award/branches/${ids.plan}/decision`, {})).statusCode, 303, 'not awarded');
    assert.equal((await reviewer.post(`/en/console/award/branches/${ids.eService}/approve`)).statusCode, 403);
    assert.equal((await office.post(`/en/console/award/${ids.cycle}/publish`)).statusCode, 409, 'decisions pending');
    for (const b of [ids.eService, ids.plan]) assert.equal((await office.post(`/en/console/award/branches/${b}/approve`)).statusCode, 303);
    assert.equal((await reviewer.post(`/en/console/award/${ids.cycle}/publish`)).statusCode, 403);
    assert.doesNotMatch((await t.app.inject('/en/award/2')).body, /For permits in minutes/, 'nothing public before publication');
    assert.equal((await office.post(`/en/console/award/${ids.cycle}/publish`)).statusCode, 303);
    const en = await t.app.inject('/en/award/2');
    assert.equal(en.statusCode, 200);
    assert.match(en.body, /Winner/);
    assert.match(en.body, /For permits in minutes/);
    assert.match(en.body, /not awarded/);
    const ar = await t.app.inject('/ar/award/2');
    assert.match(ar.body, /تقديرًا لتصاريح ألفا/);
    assert.match(ar.body, /الفائز/);
    const archive = await t.app.inject('/ar/award');
    assert.match(archive.body, /الدورة الأولى/);
    assert.match(archive.body, /الدورة الثانية/);
    // The nominating agencies' teams hear each outcome through platform messaging.
    await t.drain();
    const mails = await t.deps.db.selectFrom('messages').select(['to_address', 'subject']).where('source', '=', 'award').execute();
    const to = (who: string) => mails.filter((m) => m.to_address === who).map((m) => m.subject);
    assert.ok(to('admin@a.sa').includes('“Alpha permits” has won'), JSON.stringify(mails));
    assert.ok(to('editor@a.sa').includes('“Alpha permits” has won'));
    assert.ok(to('admin@b.sa').includes('“Old initiative” is not eligible'));
    assert.ok(to('admin@b.sa').includes('Results of Second edition'));
    assert.ok(!to('admin@b.sa').some((s) => /Alpha/.test(s ?? '')), 'no agency hears of another one’s nomination');

    // The winner's certificate: signed at publication, verifiable, broken by one changed byte, revocable.
    const decision = await t.deps.db
      .selectFrom('award_decisions')
      .selectAll()
      .where('nomination_id', '=', ids.n1)
      .executeTakeFirstOrThrow();
    const cert = await credentialFor(t.deps.db, 'award', `decision:${decision.id}`);
    assert.ok(cert, 'a certificate was issued');
    assert.equal(
      (await t.deps.db.selectFrom('credentials').select('id').where('source', '=', 'award').execute()).length,
      1,
      'none for "not awarded"',
    );
    assert.match(en.body, new RegExp(`/en/verify/${cert.serial}`));
    const doc = JSON.parse(cert.document ?? '');
    assert.equal((await verifyDocument(t.deps, doc)).outcome, 'valid');
    assert.match(doc.credentialSubject.achievement.name, /الفائز/);
    const tampered = JSON.parse((cert.document ?? '').replace('تقديرًا لتصاريح ألفا', 'تقديرًا لتصاريح ألفأ'));
    assert.equal((await verifyDocument(t.deps, tampered)).outcome, 'invalid');
    assert.equal((await reviewer.post(`/en/console/award/decisions/${decision.id}/revoke`, { reason: 'x' })).statusCode, 403);
    const noReason = await office.post(`/en/console/award/decisions/${decision.id}/revoke`, {});
    assert.equal(noReason.statusCode, 400);
    assert.equal(
      (await office.post(`/en/console/award/decisions/${decision.id}/revoke`, { reason: 'Figures found misstated' })).statusCode,
      303,
    );
    assert.equal((await verifyDocument(t.deps, doc)).outcome, 'revoked');
    assert.match((await t.app.inject('/en/award/2')).body, /Award withdrawn:.*Figures found misstated/s);
    assert.equal((await office.post(`/en/console/award/decisions/${decision.id}/revoke`, { reason: 'again' })).statusCode, 409);

    // A published edition changes no more.
    assert.equal((await office.post(`/en/console/award/branches/${ids.plan}/decision`, {})).statusCode, 409);
    const actions = (await t.deps.db.selectFrom('audit_log').select('action').where('action', 'like', 'award.%').execute()).map(
      (a) => a.action,
    );
    for (const a of [
      'award.cycle.create',
      'award.branch.create',
      'award.judge.add',
      'award.conflict.add',
      'award.assign',
      'award.review.submit',
      'award.decision.propose',
      'award.decision.approve',
      'award.results.publish',
    ])
      assert.ok(actions.includes(a), a);
  });

  it('gives the office the edition as CSV and as a workbook with every review, in the reader’s language, and nobody else', async () => {
    for (const who of [judges[0], aAdmin, bAdmin, aEditor])
      for (const format of ['csv', 'xlsx'])
        assert.equal((await who.get(`/en/console/award/${ids.cycle}/export.${format}`)).statusCode, 403);
    assert.ok([401, 303].includes((await t.app.inject(`/en/console/award/${ids.cycle}/export.csv`)).statusCode));

    const en = await reviewer.get(`/en/console/award/${ids.cycle}/export.csv`);
    assert.equal(en.statusCode, 200);
    assert.match(String(en.headers['content-disposition']), /attachment; filename="yusr-award-2.csv"/);
    const rows = parse(en.body.replace(/^\uFEFF/, '')) as string[][];
    const head = rows[0];
    const col = (name: string) => head.indexOf(name);
    assert.ok(col('Nomination number') >= 0 && col('Decision') >= 0 && col('Raw mean') >= 0, head.join('|'));
    const submitted = await t.deps.db
      .selectFrom('award_nominations')
      .select('id')
      .where('cycle_id', '=', ids.cycle)
      .where('status', '!=', 'draft')
      .execute();
    assert.equal(rows.length - 1, submitted.length, 'every nomination past draft, no drafts');
    const winner = rows.find((r) => r[col('Nomination number')] === String(ids.n1)) as string[];
    assert.equal(winner[col('Title in English')], 'Alpha permits');
    assert.equal(winner[col('Decision')], 'Winner');
    assert.equal(winner[col('Rank')], '1');

    const ar = await reviewer.get(`/ar/console/award/${ids.cycle}/export.csv`);
    assert.match(ar.body, /رقم الترشيح/);
    assert.match(ar.body, /الفائز/);

    const xlsx = await reviewer.get(`/en/console/award/${ids.cycle}/export.xlsx`);
    assert.equal(xlsx.statusCode, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Nominations', 'Reviews'],
    );
    const reviewSheet = wb.getWorksheet('Reviews') as ExcelJS.Worksheet;
    const reviewCount = (await t.deps.db.selectFrom('award_reviews').select('id').execute()).length;
    assert.equal(reviewSheet.rowCount - 1, reviewCount * 2, 'one row a criterion of each review (two criteria)');
    const judgeNames = new Set(reviewSheet.getColumn(4).values.slice(2).map(String));
    assert.ok(
      [...judgeNames].every((n) => /^Judge \d$/.test(n)),
      [...judgeNames].join('|'),
    );

    // Once results are published the edition can no longer be edited, nor its discussion continued.
    assert.equal((await office.get(`/en/console/award/${ids.cycle}/edit`)).statusCode, 409);
    assert.equal((await office.post(`/en/console/award/${ids.cycle}/edit`, {})).statusCode, 409);
    assert.equal((await office.post(`/en/console/award/nominations/${ids.n1}/discussion`, { body: 'Late' })).statusCode, 409);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select(['actor_id', 'after_json'])
      .where('action', '=', 'award.export')
      .execute();
    assert.equal(audits.length, 3, 'each download is audited, refusals store no export');
    const me = await t.deps.db.selectFrom('users').select('id').where('email', '=', 'reviewer@program.sa').executeTakeFirstOrThrow();
    assert.ok(
      audits.every((a) => Number(a.actor_id) === me.id),
      JSON.stringify(audits),
    );
  });
});
