import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import { complaint, submitCase, submitRating } from '../feedback/testing.ts';
import { openedRound, publishedFramework } from '../measure/testing.ts';
import { addAttachment } from './attachments.ts';
import * as repo from './award.repo.ts';
import { editBranch } from './award.service.ts';
import { addBranch, addJudge, createCycle, createNomination, runAssignment, screenNomination, submitNomination } from './testing.ts';

// A branch corrected after it was created (and what can no longer change once nominations, the
// deadline or judges make it unfair), and the evidence frozen at submission: the nominated service's
// CX figures from feedback and the agency's latest published measurement result, as judges see them
// on the nomination page; later ratings, complaints and rounds do not alter them.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const rubric = {
  c1_name_ar: 'الأثر',
  c1_name_en: 'Impact',
  c1_weight: '3',
  c2_name_ar: 'الابتكار',
  c2_name_en: 'Innovation',
  c2_weight: '1',
};
const branchForm = (extra: Record<string, string> = {}) => ({
  name_ar: 'أفضل خدمة',
  name_en: 'Best e-service',
  description_ar: 'وصف',
  description_en: 'About',
  nominee_kind: 'agency',
  scale_max: '5',
  ...rubric,
  ...extra,
});

describe('award: editing a branch, and the CX and measurement evidence frozen at submission', () => {
  let t: TestApp;
  let office: Client;
  let aAdmin: Client;
  let judge: Client;
  let bAdmin: Client;
  const sys = systemCtx('test office');
  const ids = { b: 0, a: 0, cycle: 0, svcBranch: 0, otherBranch: 0, service: 0, n: 0, judge: 0 };
  let serviceIdentifier = '';
  let ipSeq = 0;
  let frameworkId = 0;
  const visitor = (): Ctx => ({ actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: `10.9.0.${++ipSeq}` });
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

  /** Publishes a measurement round in which agency A scored `display` at stage `stage`. */
  async function publishedRound(code: string, display: number, stage: string, publishedAt: string) {
    frameworkId ||= (await publishedFramework(t.deps)).id;
    const round = await openedRound(t.deps, frameworkId, [ids.a], { code });
    await t.deps.db
      .insertInto('measure_results')
      .values({
        round_id: round.id,
        agency_id: ids.a,
        agency_code: 'alpha',
        score: display,
        display,
        score_text: String(display),
        rank: 1,
        stage_key: stage,
        nodes_json: '{}',
        computed_at: publishedAt,
      })
      .execute();
    await t.deps.db
      .updateTable('measure_rounds')
      .set({ status: 'published', finalised_at: publishedAt, published_at: publishedAt })
      .where('id', '=', round.id)
      .execute();
  }

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    const service = await buildService(t.deps, ids.a, { identifier: 'alpha-permits' });
    serviceIdentifier = service.identifier;
    ids.service = service.id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    ids.judge = (await buildUser(t.deps, { email: 'judge@program.sa', role: 'judge' })).id;
    [office, aAdmin, judge, bAdmin] = await Promise.all(
      ['office@program.sa', 'admin@a.sa', 'judge@program.sa', 'admin@b.sa'].map((e) => signedIn(t.app, e)),
    );
    ids.cycle = (
      await createCycle(t.deps, sys, {
        number: '4',
        name_ar: 'الدورة الرابعة',
        name_en: 'Fourth edition',
        rules_ar: 'الشروط',
        rules_en: 'The rules',
        announced_on: isoDay(dayNumber(2020, 1, 1)),
        nominations_open_at: riyadh(days(-5)),
        nominations_close_at: `${riyadh(days(20)).slice(0, 10)}T23:59:59`,
        screening_ends_on: riyadh(days(40)).slice(0, 10),
        judging_ends_on: riyadh(days(60)).slice(0, 10),
        results_on: riyadh(days(90)).slice(0, 10),
        judges_per_nomination: '1',
      })
    ).id;
    ids.svcBranch = (await addBranch(t.deps, sys, ids.cycle, { code: 'e-service', ...branchForm() })).id;
    ids.otherBranch = (await addBranch(t.deps, sys, ids.cycle, { code: 'idea', ...branchForm({ nominee_kind: 'individual' }) })).id;
    await addJudge(t.deps, sys, ids.cycle, { user_id: String(ids.judge) });
  });
  after(() => t.close());

  it('lets the program administrator correct a branch, audited with what changed, field errors in both languages', async () => {
    const form = await office.get(`/ar/console/award/branches/${ids.svcBranch}/edit`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="أفضل خدمة"/);
    assert.equal((await aAdmin.get(`/en/console/award/branches/${ids.svcBranch}/edit`)).statusCode, 403);
    assert.equal((await aAdmin.post(`/en/console/award/branches/${ids.svcBranch}/edit`, branchForm())).statusCode, 403);
    assert.equal((await office.get('/en/console/award/branches/99999/edit')).statusCode, 404);

    const badAr = await office.post(`/ar/console/award/branches/${ids.svcBranch}/edit`, branchForm({ name_en: '', c2_weight: '0' }));
    assert.equal(badAr.statusCode, 400);
    assert.match(badAr.body, /f-name_en/);
    assert.match(badAr.body, /f-c2_weight/);
    const badEn = await office.post(`/en/console/award/branches/${ids.svcBranch}/edit`, branchForm({ scale_max: '99' }));
    assert.equal(badEn.statusCode, 400);
    assert.match(badEn.body, /f-scale_max/);
    assert.equal((await audits('award.branch.edit')).length, 0, 'a refusal writes nothing');

    const saved = await office.post(
      `/en/console/award/branches/${ids.svcBranch}/edit`,
      branchForm({ name_en: 'Best digital service', requires_live_service: 'on', blind: 'on', c2_weight: '2', scale_max: '7' }),
    );
    assert.equal(saved.statusCode, 303, saved.body);
    const b = (await repo.findBranch(t.deps.db, ids.svcBranch)) as repo.BranchRow;
    assert.deepEqual([b.name_en, b.code, b.requires_live_service, b.blind, b.scale_max], ['Best digital service', 'e-service', 1, 1, 7]);
    assert.equal(repo.criteriaOf(b)[1].weight, 2);
    const [audit] = await audits('award.branch.edit');
    assert.deepEqual(JSON.parse(String(audit.before_json)), {
      name_en: 'Best e-service',
      requires_live_service: 0,
      rubric_json: b.rubric_json.replace('"weight":2', '"weight":1'),
      scale_max: 5,
      blind: 0,
    });
  });

  it('keeps who may be nominated once the branch has nominations, and the rubric and blind flag once judges are assigned', async () => {
    // A rating and an answer before the nomination is submitted: they count in its CX figures.
    await submitRating(t.deps, visitor(), serviceIdentifier, { answers: { satisfied: 5 } });
    await submitRating(t.deps, visitor(), serviceIdentifier, { answers: { satisfied: 2 } });
    await submitCase(t.deps, visitor(), complaint(ids.a, { service_id: String(ids.service) }));
    await publishedRound('m-old', 40, 'availability', '2026-01-10T09:00:00.000Z');
    await publishedRound('m-new', 62.5, 'integration', '2026-06-10T09:00:00.000Z');

    ids.n = (
      await createNomination(t.deps, sys, ids.cycle, ids.a, {
        branch_id: String(ids.svcBranch),
        title_ar: 'تصاريح',
        title_en: 'Permits',
        summary: 'Permits in minutes.',
        service: serviceIdentifier,
      })
    ).id;
    const kind = await office.post(`/ar/console/award/branches/${ids.svcBranch}/edit`, branchForm({ nominee_kind: 'semi_government' }));
    assert.equal(kind.statusCode, 400);
    assert.match(kind.body, /لا يمكن تغيير من يجوز ترشيحه/);

    await submitNomination(t.deps, sys, ids.n);
    await screenNomination(t.deps, sys, ids.n, { decision: 'eligible' });
    await runAssignment(t.deps, sys, ids.cycle);
    const current = {
      ...branchForm({ name_en: 'Best digital service', requires_live_service: 'on', blind: 'on', c2_weight: '2', scale_max: '7' }),
    };
    const rubricChange = await office.post(`/en/console/award/branches/${ids.svcBranch}/edit`, { ...current, c1_weight: '5' });
    assert.equal(rubricChange.statusCode, 400);
    assert.match(rubricChange.body, /criteria, weights and scale can no longer change/);
    const blindOff = await office.post(`/ar/console/award/branches/${ids.svcBranch}/edit`, {
      ...current,
      blind: undefined as unknown as string,
    });
    assert.equal(blindOff.statusCode, 400);
    assert.match(blindOff.body, /التحكيم المعمّى/);
    // The names still change, audited.
    assert.equal(
      (await office.post(`/en/console/award/branches/${ids.svcBranch}/edit`, { ...current, name_en: 'Best service' })).statusCode,
      303,
    );
    assert.equal((await audits('award.branch.edit')).length, 2);
  });

  it("freezes the service's CX figures and the agency's latest published measurement result, shown to the judge unchanged later", async () => {
    const n = (await repo.findNomination(t.deps.db, ids.n)) as repo.NominationRow;
    const evidence = JSON.parse(n.evidence_json ?? '{}');
    assert.deepEqual(
      { ...evidence.cx, from: undefined, to: undefined },
      { from: undefined, to: undefined, ratings: 2, csat_responses: 2, csat: 0.5, complaints: 1, complaints_per_1000: 500 },
    );
    assert.equal(evidence.cx.to, n.submitted_at);
    assert.equal(evidence.measure.round_code, 'm-new');
    assert.equal(evidence.measure.display, 62.5);
    assert.equal(evidence.measure.scale_max, 100);
    assert.deepEqual(evidence.measure.stage, { key: 'integration', name_ar: 'التكامل', name_en: 'Integration', position: 2, of: 4 });

    // Later: more ratings, and a newer round. The frozen figures stay.
    await submitRating(t.deps, visitor(), serviceIdentifier, { answers: { satisfied: 1 } });
    await publishedRound('m-later', 90, 'excellence', new Date().toISOString());
    const again = (await repo.findNomination(t.deps.db, ids.n)) as repo.NominationRow;
    assert.equal(again.evidence_json, n.evidence_json);

    const page = await judge.get(`/en/console/award/nominations/${ids.n}`);
    assert.equal(page.statusCode, 200, page.body);
    assert.match(page.body, /Ratings: 2; satisfaction: 50% of 2 answers; complaints: 1/);
    // A blind branch: the stage, not the score (the score would name the agency through the published results).
    assert.match(page.body, /Test round: stage: Integration/);
    assert.doesNotMatch(page.body, /62\.5/);
    const officePage = await office.get(`/ar/console/award/nominations/${ids.n}`);
    assert.match(officePage.body, /٦٢٫٥ من ١٠٠، المرحلة: التكامل/);
    assert.match(officePage.body, /الشكاوى: ١/);
  });

  it("refuses a submission below the branch's measurement stage or without a required document, in both languages", async () => {
    const bad = await office.post(`/en/console/award/${ids.cycle}/branches`, {
      code: 'people',
      ...branchForm({ nominee_kind: 'individual', min_stage: 'integration' }),
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /a branch for individuals or teams cannot require one/);
    const unknown = await office.post(`/ar/console/award/${ids.cycle}/branches`, { code: 'gold', ...branchForm({ min_stage: 'gold' }) });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /f-min_stage/);
    const made = await office.post(`/en/console/award/${ids.cycle}/branches`, {
      code: 'leaders',
      ...branchForm({ min_stage: 'excellence', attachments_required: 'on' }),
    });
    assert.equal(made.statusCode, 303, made.body);
    const leaders = (await repo.listBranches(t.deps.db, ids.cycle)).find((b) => b.code === 'leaders') as repo.BranchRow;
    assert.deepEqual([leaders.min_stage, leaders.attachments_required], ['excellence', 1]);
    const cyclePage = await office.get(`/ar/console/award/${ids.cycle}`);
    assert.match(cyclePage.body, /مرحلة «التميز» على الأقل/);

    const fields = { branch_id: String(leaders.id), title_ar: 'ريادة', title_en: 'Leadership', summary: 'Years of work.' };
    // Beta has no published measurement: refused, nothing changes.
    const nb = await createNomination(t.deps, sys, ids.cycle, ids.b, fields);
    const low = await bAdmin.post(`/ar/console/award/nominations/${nb.id}/submit`);
    assert.equal(low.statusCode, 400);
    assert.match(low.body, /بلغت مرحلة «التميز» على الأقل/);
    assert.equal(((await repo.findNomination(t.deps.db, nb.id)) as repo.NominationRow).status, 'draft');

    // Alpha's latest published round placed it at excellence, but no document is attached yet.
    const na = await createNomination(t.deps, sys, ids.cycle, ids.a, fields);
    const bare = await aAdmin.post(`/en/console/award/nominations/${na.id}/submit`);
    assert.equal(bare.statusCode, 400);
    assert.match(bare.body, /requires at least one supporting document/);
    assert.equal(((await repo.findNomination(t.deps.db, na.id)) as repo.NominationRow).status, 'draft');
    const cycle = (await repo.findCycle(t.deps.db, ids.cycle)) as repo.CycleRow;
    await addAttachment(t.deps, sys, na, cycle, Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 'x')]), 'evidence.pdf');
    assert.equal((await aAdmin.post(`/en/console/award/nominations/${na.id}/submit`)).statusCode, 303);
    assert.equal(((await repo.findNomination(t.deps.db, na.id)) as repo.NominationRow).status, 'submitted');

    // After the deadline the eligibility rules stay as they were.
    await assert.rejects(
      editBranch(t.deps, sys, leaders.id, branchForm({ min_stage: 'building', attachments_required: 'on' }), days(30)),
      (e: unknown) =>
        e instanceof AppError && e.fieldErrors?.[0]?.field === 'min_stage' && e.fieldErrors[0].key === 'award.validation.eligibility_fixed',
    );
  });
});
