import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import * as repo from './award.repo.ts';
import { saveNomination } from './award.service.ts';
import { awardPersonalData } from './privacy.ts';
import { currentSet, tokenCount } from './questions.ts';
import {
  addBranch,
  addJudge,
  createCycle,
  createEntrantNomination,
  createNomination,
  requestEntrantCode,
  runAssignment,
  screenNomination,
  submitNomination,
  verifyEntrantCode,
} from './testing.ts';

// A branch's nomination form questions: written by the program administrator on the branch's edit
// page, answered on the nomination form within each word limit (whitespace-separated tokens, so
// Arabic counts as written), required ones before submission; versioned once a nomination answered,
// each nomination keeping the questions it answered, which is how judges read them.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const branchForm = (extra: Record<string, string> = {}) => ({
  name_ar: 'أفضل خدمة',
  name_en: 'Best e-service',
  description_ar: 'وصف',
  description_en: 'About',
  nominee_kind: 'agency',
  scale_max: '5',
  c1_name_ar: 'الأثر',
  c1_name_en: 'Impact',
  c1_weight: '1',
  ...extra,
});
const q1 = { q1_prompt_ar: 'ما الأثر؟', q1_prompt_en: 'What was the impact?', q1_word_limit: '٥', q1_required: 'on' };
const q2 = { q2_prompt_ar: 'من شارك؟', q2_prompt_en: 'Who took part?', q2_help_en: 'Partners', q2_word_limit: '50' };
const arabicFive = 'خفضنا زمن الخدمة إلى يومين';
const englishFive = 'Cut waiting time to days';

describe('award: nomination form questions with word limits, versioned', () => {
  let t: TestApp;
  let office: Client;
  let aAdmin: Client;
  let judge: Client;
  const sys = systemCtx('test office');
  const ids = { a: 0, cycle: 0, branch: 0, blind: 0, idea: 0, n1: 0, judge: 0 };
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const nomination = (id: number) => repo.findNomination(t.deps.db, id) as Promise<repo.NominationRow>;
  const draft = (branch: number, extra: Record<string, string> = {}) => ({
    branch_id: String(branch),
    title_ar: 'تصاريح',
    title_en: 'Permits',
    summary: 'Permits in minutes.',
    ...extra,
  });
  const refusal = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      if (e instanceof AppError) return e;
      throw e;
    }
    assert.fail('expected a refusal');
  };

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    ids.judge = (await buildUser(t.deps, { email: 'judge@program.sa', role: 'judge' })).id;
    [office, aAdmin, judge] = await Promise.all(['office@program.sa', 'admin@a.sa', 'judge@program.sa'].map((e) => signedIn(t.app, e)));
    ids.cycle = (
      await createCycle(t.deps, sys, {
        number: '5',
        name_ar: 'الدورة الخامسة',
        name_en: 'Fifth edition',
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
    ids.branch = (await addBranch(t.deps, sys, ids.cycle, { code: 'e-service', ...branchForm() })).id;
    ids.blind = (await addBranch(t.deps, sys, ids.cycle, { code: 'blind', ...branchForm({ blind: 'on' }) })).id;
    ids.idea = (await addBranch(t.deps, sys, ids.cycle, { code: 'idea', ...branchForm({ nominee_kind: 'individual' }) })).id;
    await addJudge(t.deps, sys, ids.cycle, { user_id: String(ids.judge) });
  });
  after(() => t.close());

  it('counts words as whitespace-separated tokens, Arabic as written', () => {
    assert.equal(tokenCount(arabicFive), 5);
    assert.equal(tokenCount(`  ${englishFive}\n`), 5);
    assert.equal(tokenCount('الخدمةُ  الإلكترونيّة\tالموحّدة'), 3);
    assert.equal(tokenCount(''), 0);
  });

  it('lets the program administrator write the questions on the branch edit page, refusing a half-written one in both languages', async () => {
    assert.equal((await aAdmin.post(`/en/console/award/branches/${ids.branch}/questions`, q1)).statusCode, 403);
    for (const [lang, text] of [
      ['en', /Enter the question in both Arabic and English/],
      ['ar', /أدخل السؤال بالعربية والإنجليزية كلتيهما/],
    ] as const) {
      const bad = await office.post(`/${lang}/console/award/branches/${ids.branch}/questions`, {
        ...q1,
        q1_prompt_en: '',
        q1_word_limit: '0',
      });
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /f-q1_prompt_en/);
      assert.match(bad.body, /f-q1_word_limit/);
      assert.match(bad.body, text);
    }
    assert.equal(await currentSet(t.deps.db, ids.branch), undefined, 'a refusal writes nothing');
    assert.equal((await audits('award.branch.questions')).length, 0);

    const saved = await office.post(`/en/console/award/branches/${ids.branch}/questions`, {
      ...q1,
      q2_prompt_ar: 'سؤال أول',
      q2_prompt_en: 'First wording',
      q2_word_limit: '50',
    });
    assert.equal(saved.statusCode, 303, saved.body);
    // No nomination has answered yet: a correction changes version 1 in place.
    assert.equal((await office.post(`/en/console/award/branches/${ids.branch}/questions`, { ...q1, ...q2 })).statusCode, 303);
    const set = await currentSet(t.deps.db, ids.branch);
    assert.equal(set?.version, 1);
    assert.equal((await audits('award.branch.questions')).length, 2);
    const page = await office.get(`/en/console/award/branches/${ids.branch}/edit`);
    assert.match(page.body, /Who took part\?/);
    assert.match(page.body, /Version 1/);
    await office.post(`/en/console/award/branches/${ids.blind}/questions`, q1);
  });

  it('enforces each word limit on save with a field error naming it in both languages, Arabic and English at and one over', async () => {
    ids.n1 = (await createNomination(t.deps, sys, ids.cycle, ids.a, draft(ids.branch, { answer_q1: arabicFive }))).id;
    assert.deepEqual(JSON.parse(String((await nomination(ids.n1)).answers_json)), { q1: arabicFive });
    await saveNomination(t.deps, sys, ids.n1, draft(ids.branch, { answer_q1: englishFive, answer_q2: 'The ministry' }));
    for (const over of [`${arabicFive} فقط`, `${englishFive} only`]) {
      const e = await refusal(saveNomination(t.deps, sys, ids.n1, draft(ids.branch, { answer_q1: over })));
      assert.equal(e.status, 400);
      assert.deepEqual(e.fieldErrors, [{ field: 'answer_q1', key: 'award.validation.answer_too_long', params: { limit: 5 } }]);
    }
    for (const [lang, text] of [
      ['en', /over its word limit \(5\)/],
      ['ar', /الحد الأقصى لعدد الكلمات \(٥\)/],
    ] as const) {
      const r = await aAdmin.post(
        `/${lang}/console/award/nominations/${ids.n1}/save`,
        draft(ids.branch, { answer_q1: `${arabicFive} جداً` }),
      );
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /f-answer_q1/);
      assert.match(r.body, text);
    }
    assert.deepEqual(
      JSON.parse(String((await nomination(ids.n1)).answers_json)),
      { q1: englishFive, q2: 'The ministry' },
      'nothing written',
    );
  });

  it('autosaves a draft: the form asks for JSON and is answered in JSON, a word over the limit too, nothing written then', async () => {
    const json = { headers: { accept: 'application/json' } };
    const form = (answer: string) => draft(ids.branch, { answer_q1: answer, answer_q2: 'The ministry' });
    const page = (await aAdmin.get(`/en/console/award/nominations/${ids.n1}`)).body;
    assert.match(page, /<form method="post" action="\/en\/console\/award\/nominations\/\d+\/save" novalidate data-autosave="true">/);
    assert.match(page, /class="autosave-status" role="status" aria-live="polite" data-saved="Draft saved automatically"/);
    const saved = await aAdmin.post(`/en/console/award/nominations/${ids.n1}/save`, form('Cut it to two days'), json);
    assert.equal(saved.statusCode, 200);
    assert.deepEqual(saved.json(), { saved: true });
    assert.equal(JSON.parse(String((await nomination(ids.n1)).answers_json)).q1, 'Cut it to two days');
    for (const [lang, text] of [
      ['en', 'This answer is over its word limit (5).'],
      ['ar', 'تتجاوز هذه الإجابة الحد الأقصى لعدد الكلمات (٥).'],
    ] as const) {
      const over = await aAdmin.post(`/${lang}/console/award/nominations/${ids.n1}/save`, form(`${arabicFive} جداً`), json);
      assert.equal(over.statusCode, 400);
      assert.deepEqual(over.json().errors, [{ field: 'answer_q1', message: text }]);
    }
    assert.equal(JSON.parse(String((await nomination(ids.n1)).answers_json)).q1, 'Cut it to two days', 'nothing written');
    // Without asking for JSON the same post is the page's redirect, and another agency is refused either way.
    assert.equal((await aAdmin.post(`/en/console/award/nominations/${ids.n1}/save`, form(englishFive))).statusCode, 303);
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: (await buildAgency(t.deps, { code: 'beta' })).id });
    const other = await signedIn(t.app, 'admin@b.sa');
    const refused = await other.post(`/en/console/award/nominations/${ids.n1}/save`, form('Not theirs'), json);
    assert.ok([403, 404].includes(refused.statusCode), String(refused.statusCode));
    assert.equal(JSON.parse(String((await nomination(ids.n1)).answers_json)).q1, englishFive);
  });

  it('refuses submission while a required question is unanswered, in both languages, nothing written', async () => {
    const n = await createNomination(t.deps, sys, ids.cycle, ids.a, draft(ids.branch, { answer_q2: 'Partners' }));
    for (const [lang, text] of [
      ['en', /Answer this question before submitting/],
      ['ar', /أجب عن هذا السؤال قبل التقديم/],
    ] as const) {
      const r = await aAdmin.post(`/${lang}/console/award/nominations/${n.id}/submit`, {});
      assert.equal(r.statusCode, 400);
      assert.match(r.body, /f-answer_q1/);
      assert.match(r.body, text);
    }
    const after = await nomination(n.id);
    assert.equal(after.status, 'draft');
    assert.equal(after.evidence_json, null);
    assert.equal((await audits('award.nomination.submit')).length, 0);
  });

  it('lets the rubric say what each score means, in both languages or neither', async () => {
    const anchors = { c1_anchors_ar: '١: لا أثر\n٥: أثر وطني', c1_anchors_en: '1: no impact\n5: national impact' };
    for (const [lang, text] of [
      ['en', /Write what the scores mean in both Arabic and English, or leave both empty/],
      ['ar', /اكتب معنى الدرجات باللغتين العربية والإنجليزية أو اتركه فارغاً في كلتيهما/],
    ] as const) {
      const half = await office.post(
        `/${lang}/console/award/branches/${ids.branch}/edit`,
        branchForm({ c1_anchors_en: anchors.c1_anchors_en }),
      );
      assert.equal(half.statusCode, 400);
      assert.match(half.body, /f-c1_anchors_ar/);
      assert.match(half.body, text);
    }
    assert.equal(
      (
        await t.deps.db.selectFrom('award_branches').select('rubric_json').where('id', '=', ids.branch).executeTakeFirstOrThrow()
      ).rubric_json.includes('anchors'),
      false,
      'nothing written',
    );
    const ok = await office.post(`/en/console/award/branches/${ids.branch}/edit`, branchForm(anchors));
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    const edit = await office.get(`/ar/console/award/branches/${ids.branch}/edit`);
    assert.match(edit.body, /١: لا أثر/);
  });

  it('makes a new version once a nomination answered; the nomination keeps its questions, and the judge reads them as answered', async () => {
    const v1 = (await currentSet(t.deps.db, ids.branch))?.id;
    assert.equal((await nomination(ids.n1)).question_set_id, v1);
    const changed = await office.post(`/en/console/award/branches/${ids.branch}/questions`, {
      ...q1,
      ...q2,
      q2_prompt_en: 'Which partners took part?',
      q2_prompt_ar: 'أي الشركاء شارك؟',
    });
    assert.equal(changed.statusCode, 303);
    const v2 = await currentSet(t.deps.db, ids.branch);
    assert.equal(v2?.version, 2);
    const n2 = await createNomination(t.deps, sys, ids.cycle, ids.a, draft(ids.branch, { answer_q1: 'New' }));
    assert.equal(n2.question_set_id, v2?.id);
    // The old draft still answers version 1, on its form and after saving again.
    const form = await aAdmin.get(`/en/console/award/nominations/${ids.n1}`);
    assert.match(form.body, /Who took part\?/);
    assert.doesNotMatch(form.body, /Which partners took part\?/);
    await saveNomination(t.deps, sys, ids.n1, draft(ids.branch, { answer_q1: englishFive, answer_q2: 'The ministry and Absher' }));
    assert.equal((await nomination(ids.n1)).question_set_id, v1);

    await submitNomination(t.deps, sys, ids.n1);
    assert.equal((await nomination(ids.n1)).status, 'submitted');
    await screenNomination(t.deps, sys, ids.n1, { decision: 'eligible' });
    await runAssignment(t.deps, sys, ids.cycle);
    const page = await judge.get(`/en/console/award/nominations/${ids.n1}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Who took part\?/);
    assert.match(page.body, /The ministry and Absher/);
    assert.match(page.body, /questions version 1/);
    // The judge scores beside what each score means, in their language.
    assert.match(page.body, /What the scores mean for this criterion:<\/p><p class="prewrap">1: no impact\n5: national impact/);
    assert.match(
      (await judge.get(`/ar/console/award/nominations/${ids.n1}`)).body,
      /معنى الدرجات في هذا المعيار:<\/p><p class="prewrap">١: لا أثر/,
    );
    // Frozen: no save once submitted.
    const e = await refusal(saveNomination(t.deps, sys, ids.n1, draft(ids.branch, { answer_q1: 'x' })));
    assert.equal(e.status, 409);

    const csv = await office.get(`/en/console/award/${ids.cycle}/export.csv`);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.body, /Who took part\?: The ministry and Absher/);
  });

  it('shows a blind branch’s answers as written, with the note, and still hides the agency', async () => {
    const n = await createNomination(t.deps, sys, ids.cycle, ids.a, draft(ids.blind, { answer_q1: 'Alpha did it' }));
    await submitNomination(t.deps, sys, n.id);
    await screenNomination(t.deps, sys, n.id, { decision: 'eligible' });
    await runAssignment(t.deps, sys, ids.cycle);
    const page = await judge.get(`/en/console/award/nominations/${n.id}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Alpha did it/);
    assert.match(page.body, /cannot remove names from free text/);
    assert.doesNotMatch(page.body, /Alpha Authority/);
  });

  it('puts an entrant’s answers in their privacy archive, and erasure removes them', async () => {
    await office.post(`/en/console/award/branches/${ids.idea}/questions`, q1);
    const ctx: Ctx = { actor: { kind: 'anonymous' }, lang: 'en', requestId: null, ip: '10.7.0.1' };
    const pending = await requestEntrantCode(t.deps, ctx, 5, { name: 'Huda', email: 'huda@example.sa' });
    const mail = await t.deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', 'huda@example.sa')
      .executeTakeFirstOrThrow();
    const code = /(\d{6})/.exec(String(mail.text_body))?.[1] ?? '';
    const token = await verifyEntrantCode(t.deps, ctx, pending, { code });
    const n = await createEntrantNomination(t.deps, ctx, token, {
      ...draft(ids.idea, { answer_q1: 'فكرة تختصر الطريق' }),
      nominee_name: 'Huda',
    });
    // The entrant's draft form autosaves as the agency's does, answered in JSON (no-store).
    const visitor = new Client(t.app);
    const entrantForm = { token, ...draft(ids.idea, { nominee_name: 'Huda' }) };
    const saved = await visitor.post(
      `/ar/award/entrant/nominations/${n.id}`,
      { ...entrantForm, answer_q1: 'فكرة تختصر الطريق على الناس' },
      { headers: { accept: 'application/json' } },
    );
    assert.equal(saved.statusCode, 200, saved.body.slice(0, 300));
    assert.deepEqual(saved.json(), { saved: true });
    assert.equal(saved.headers['cache-control'], 'no-store');
    const over = await visitor.post(
      `/ar/award/entrant/nominations/${n.id}`,
      { ...entrantForm, answer_q1: 'فكرة تختصر الطريق على كل الناس' },
      { headers: { accept: 'application/json' } },
    );
    assert.equal(over.statusCode, 400);
    assert.deepEqual(over.json().errors, [{ field: 'answer_q1', message: 'تتجاوز هذه الإجابة الحد الأقصى لعدد الكلمات (٥).' }]);
    assert.equal(JSON.parse(String((await nomination(n.id)).answers_json)).q1, 'فكرة تختصر الطريق على الناس');
    const forged = await visitor.post(
      `/en/award/entrant/nominations/${n.id}`,
      { ...entrantForm, token: `${token}x` },
      { headers: { accept: 'application/json' } },
    );
    assert.ok(forged.statusCode >= 400 && forged.statusCode < 500, String(forged.statusCode));
    await visitor.post(`/en/award/entrant/nominations/${n.id}`, { ...entrantForm, answer_q1: 'فكرة تختصر الطريق' });

    const subject = { email: 'huda@example.sa', phone: null };
    const kind = (await awardPersonalData.export(t.deps, subject)).find((k) => k.kind === 'award.entrant');
    assert.ok(kind);
    assert.deepEqual((kind.records[0] as { nominations: { answers: unknown }[] }).nominations[0].answers, { q1: 'فكرة تختصر الطريق' });
    await t.deps.db.transaction().execute((trx) => awardPersonalData.erase(trx, t.deps, subject));
    assert.equal((await nomination(n.id)).answers_json, null);
  });
});
