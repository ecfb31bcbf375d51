import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { anonymous, type Ctx, systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import { createEntrantNomination, requestEntrantCode, verifyEntrantCode } from './entrants.service.ts';
import { conflictMap } from './judging.service.ts';
import { sendOutcomeNotice } from './notices.ts';
import { awardPersonalData } from './privacy.ts';
import { addBranch, addJudge, createCycle, screenNomination } from './testing.ts';

// Individuals nominate themselves or others for the branches that take people, after proving an
// email with a one-time code: through the public pages in both languages, only for individual and
// team branches, never a catalog service, to the deadline's second (23:59:59 Riyadh is in time,
// 00:00:00 is refused in the reader's language and stores nothing), only their own nominations by
// their signed link. The office screens them like any other; the entrant is emailed the outcome;
// a judge with the entrant's address is automatically conflicted; the privacy port finds them.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const rubric = { c1_name_ar: 'الأثر', c1_name_en: 'Impact', c1_weight: '1' };

describe('award: individuals nominate after verifying an email', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  const ids = { cycle: 0, number: 7, idea: 0, team: 0, agencyBranch: 0, judge: 0 };
  const closeLocal = `${riyadh(days(20)).slice(0, 10)}T23:59:59`;

  const mails = (to: string) =>
    t.deps.db.selectFrom('messages').selectAll().where('to_address', '=', to).where('source', '=', 'award').orderBy('id').execute();
  const codeIn = (text: string | null) => /(?:Your code is|رمزك هو) (\d{6})/.exec(text ?? '')?.[1] ?? '';
  const nominations = () => t.deps.db.selectFrom('award_nominations').selectAll().orderBy('id').execute();
  const statusOf = async (p: Promise<unknown>) => {
    try {
      await p;
      return 0;
    } catch (e) {
      if (e instanceof AppError) return e.status;
      throw e;
    }
  };

  /** Proves an address through the pages; returns the client and the link to the entrant's nominations. */
  async function verify(email: string, name: string, ip: string, lang: 'ar' | 'en' = 'en') {
    const c = new Client(t.app, { remoteAddress: ip });
    const sent = await c.post(`/${lang}/award/${ids.number}/nominate`, { name, email });
    assert.equal(sent.statusCode, 200, sent.body);
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const code = codeIn((await mails(email)).at(-1)?.text_body ?? null);
    assert.match(code, /^\d{6}$/);
    const ok = await c.post(`/${lang}/award/${ids.number}/nominate/verify`, { pending, code });
    assert.equal(ok.statusCode, 303, ok.body);
    const link = String(ok.headers.location);
    assert.match(link, new RegExp(`^/${lang}/award/entrant\\?token=`));
    return { c, link, token: decodeURIComponent(link.split('token=')[1]) };
  }

  before(async () => {
    t = await testApp();
    const cycle = await createCycle(t.deps, office, {
      number: String(ids.number),
      name_ar: 'الدورة السابعة',
      name_en: 'Seventh edition',
      rules_ar: 'الشروط',
      rules_en: 'The rules',
      announced_on: isoDay(dayNumber(2020, 1, 1)),
      nominations_open_at: riyadh(days(-5)),
      nominations_close_at: closeLocal,
      screening_ends_on: riyadh(days(40)).slice(0, 10),
      judging_ends_on: riyadh(days(60)).slice(0, 10),
      results_on: riyadh(days(90)).slice(0, 10),
      judges_per_nomination: '1',
    });
    ids.cycle = cycle.id;
    const branch = async (code: string, nominee_kind: string) =>
      (
        await addBranch(t.deps, office, cycle.id, {
          code,
          name_ar: `فرع ${code}`,
          name_en: `Branch ${code}`,
          description_ar: 'وصف',
          description_en: 'About',
          nominee_kind,
          scale_max: '5',
          ...rubric,
        })
      ).id;
    ids.agencyBranch = await branch('e-service', 'agency');
    ids.idea = await branch('idea', 'individual');
    ids.team = await branch('team', 'team');
    await buildAgency(t.deps, { code: 'alpha' });
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    ids.judge = (await buildUser(t.deps, { email: 'huda@example.sa', role: 'judge', name: 'Huda' })).id;
    await addJudge(t.deps, office, cycle.id, { user_id: String(ids.judge) });
  });
  after(() => t.close());

  it('proves the address with a code (bad input and wrong codes refused field by field in both languages, nothing stored)', async () => {
    const edition = await new Client(t.app).get(`/en/award/${ids.number}`);
    assert.match(edition.body, new RegExp(`/en/award/${ids.number}/nominate`), 'the edition invites individuals while open');
    const c = new Client(t.app, { remoteAddress: '10.0.0.1' });
    const bad = await c.post(`/ar/award/${ids.number}/nominate`, { name: '', email: 'not-an-email' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /f-name/);
    assert.match(bad.body, /f-email/);
    const badEn = await c.post(`/en/award/${ids.number}/nominate`, { name: 'Sara', email: 'nope' });
    assert.equal(badEn.statusCode, 400);
    assert.match(badEn.body, /email/i);
    assert.equal((await t.deps.db.selectFrom('award_entrants').select('id').execute()).length, 0);

    const sent = await c.post(`/en/award/${ids.number}/nominate`, { name: 'Sara Ali', email: 'Sara@Example.sa' });
    assert.equal(sent.statusCode, 200);
    const pending = /name="pending" value="([^"]+)"/.exec(sent.body)?.[1] ?? '';
    const code = codeIn((await mails('sara@example.sa'))[0].text_body);
    const wrong = await c.post(`/ar/award/${ids.number}/nominate/verify`, { pending, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /الرمز غير صحيح/);
    const malformed = await c.post(`/en/award/${ids.number}/nominate/verify`, { pending, code: '12' });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.body, /six digits/);
    assert.equal((await c.post(`/en/award/${ids.number}/nominate/verify`, { pending: `${pending}x`, code })).statusCode, 409);
    const e = await t.deps.db.selectFrom('award_entrants').selectAll().executeTakeFirstOrThrow();
    assert.equal(e.verified_at, null);
    // Typed in Arabic-Indic digits, the right code verifies; it is then spent.
    const arabic = code.replace(/\d/g, (d) => String.fromCharCode(0x660 + Number(d)));
    const ok = await c.post(`/en/award/${ids.number}/nominate/verify`, { pending, code: arabic });
    assert.equal(ok.statusCode, 303, ok.body);
    assert.equal((await c.post(`/en/award/${ids.number}/nominate/verify`, { pending, code })).statusCode, 409);
    const verified = await t.deps.db.selectFrom('award_entrants').selectAll().executeTakeFirstOrThrow();
    assert.ok(verified.verified_at);
    assert.equal(verified.email, 'sara@example.sa');
    const linkMail = (await mails('sara@example.sa')).at(-1);
    assert.match(linkMail?.text_body ?? '', /\/en\/award\/entrant\?token=/, 'the link to one’s nominations is emailed');
    const page = await c.get(String(ok.headers.location));
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers['cache-control'], 'no-store');
    assert.match(page.body, /Your nominations/);
    assert.equal((await c.get('/en/award/entrant?token=forged')).statusCode, 409);
  });

  it('takes drafts for individual and team branches only, submits them with evidence frozen, withdraws, and keeps each entrant to their own', async () => {
    const sara = await verify('sara2@example.sa', 'Sara', '10.0.0.2', 'ar');
    const form = {
      token: sara.token,
      branch_id: String(ids.idea),
      title_ar: 'فكرة',
      title_en: 'An idea',
      summary: 'A short idea.',
      nominee_name: 'Sara',
    };
    const agencyBranch = await sara.c.post('/ar/award/entrant/nominations', { ...form, branch_id: String(ids.agencyBranch) });
    assert.equal(agencyBranch.statusCode, 400);
    assert.match(agencyBranch.body, /لا يرشّح الأفراد إلا لفروع الأفراد والفرق/);
    const service = await sara.c.post('/en/award/entrant/nominations', { ...form, service: 'alpha-permits' });
    assert.equal(service.statusCode, 400);
    assert.match(service.body, /Only an agency may nominate a catalog service/);
    const noNominee = await sara.c.post('/en/award/entrant/nominations', { ...form, nominee_name: '' });
    assert.equal(noNominee.statusCode, 400);
    assert.match(noNominee.body, /f-nominee_name/);
    assert.equal((await sara.c.post('/en/award/entrant/nominations', { ...form, token: 'forged' })).statusCode, 409);
    assert.equal((await nominations()).length, 0);

    const made = await sara.c.post('/en/award/entrant/nominations', form);
    assert.equal(made.statusCode, 303, made.body);
    const id = Number(/nominations\/(\d+)\?/.exec(String(made.headers.location))?.[1]);
    const saved = await sara.c.post(`/en/award/entrant/nominations/${id}`, {
      ...form,
      title_en: 'A better idea',
      branch_id: String(ids.team),
    });
    assert.equal(saved.statusCode, 303);
    let row = (await nominations())[0];
    assert.equal(row.agency_id, null);
    assert.equal(row.title_en, 'A better idea');
    assert.equal(row.branch_id, ids.team);

    // Another entrant's link reaches none of Sara's nominations.
    const omar = await verify('omar@example.sa', 'Omar', '10.0.0.3');
    assert.equal((await omar.c.get(`/en/award/entrant/nominations/${id}?token=${encodeURIComponent(omar.token)}`)).statusCode, 404);
    assert.equal((await omar.c.post(`/en/award/entrant/nominations/${id}/submit`, { token: omar.token })).statusCode, 404);
    assert.equal((await omar.c.post(`/en/award/entrant/nominations/${id}/withdraw`, { token: omar.token })).statusCode, 404);
    // Nor does an agency administrator's console.
    await buildUser(t.deps, { email: 'admin@alpha.sa', role: 'agency_admin', agencyId: (await buildAgency(t.deps, { code: 'beta' })).id });
    const admin = await signedIn(t.app, 'admin@alpha.sa');
    assert.equal((await admin.post(`/en/console/award/nominations/${id}/submit`)).statusCode, 403);

    const submitted = await sara.c.post(`/en/award/entrant/nominations/${id}/submit`, { token: sara.token });
    assert.equal(submitted.statusCode, 303);
    row = (await nominations())[0];
    assert.equal(row.status, 'submitted');
    const evidence = JSON.parse(row.evidence_json ?? 'null');
    assert.deepEqual(
      { agency: evidence.agency, service: evidence.service, plan: evidence.plan },
      { agency: null, service: null, plan: null },
    );
    assert.equal((await sara.c.post(`/en/award/entrant/nominations/${id}`, form)).statusCode, 409, 'a submitted one is no draft');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('record_type', '=', 'award_nomination')
      .where('record_id', '=', String(id))
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['award.nomination.create', 'award.nomination.save', 'award.nomination.submit'],
    );

    // The office sees and screens it like any other; Sara is emailed the reason in her language.
    const officeClient = await signedIn(t.app, 'office@program.sa');
    const list = await officeClient.get(`/en/console/award/${ids.cycle}/nominations`);
    assert.match(list.body, /A better idea/);
    await screenNomination(t.deps, office, id, { decision: 'ineligible', reason: 'Outside the branch' });
    assert.equal(await sendOutcomeNotice(t.deps, { nominationId: id, kind: 'ineligible' }), 1);
    const told = (await mails('sara2@example.sa')).at(-1);
    assert.equal(told?.locale, 'ar');
    assert.match(told?.text_body ?? '', /Outside the branch/);
    assert.match(told?.text_body ?? '', /award\/entrant\?token=/);
    const mine = await sara.c.get(`/en/award/entrant/nominations/${id}?token=${encodeURIComponent(sara.token)}`);
    assert.match(mine.body, /Outside the branch/);

    // Omar withdraws his own draft.
    const o = await omar.c.post('/en/award/entrant/nominations', {
      ...form,
      token: omar.token,
      nominee_name: 'Team Omar',
      branch_id: String(ids.team),
    });
    const oid = Number(/nominations\/(\d+)\?/.exec(String(o.headers.location))?.[1]);
    assert.equal((await omar.c.post(`/en/award/entrant/nominations/${oid}/withdraw`, { token: omar.token })).statusCode, 303);
    assert.equal((await nominations()).find((n) => n.id === oid)?.status, 'withdrawn');
  });

  it('refuses at 00:00:00 Riyadh after the deadline day, in the reader’s language, and stores nothing; 23:59:59 is in time', async () => {
    const close = new Date(`${closeLocal}+03:00`);
    const ctx = (lang: 'ar' | 'en', ip: string): Ctx => ({ actor: anonymous, lang, requestId: null, ip });
    const pending = await requestEntrantCode(t.deps, ctx('en', '10.0.0.4'), ids.number, { name: 'Lina', email: 'lina@example.sa' }, close);
    const code = codeIn((await mails('lina@example.sa'))[0].text_body);
    const token = await verifyEntrantCode(t.deps, ctx('en', '10.0.0.4'), pending, { code });
    const form = { branch_id: String(ids.idea), title_ar: 'ف', title_en: 'I', summary: 'S', nominee_name: 'Lina' };
    const before = (await nominations()).length;
    const inTime = await createEntrantNomination(t.deps, ctx('en', '10.0.0.4'), token, form, close);
    assert.equal(inTime.status, 'draft');
    const midnight = new Date(close.getTime() + 1000);
    for (const [lang, text] of [
      ['ar', /أُغلق باب الترشيح/],
      ['en', /Nominations closed on .* nothing was saved/],
    ] as const) {
      try {
        await createEntrantNomination(t.deps, ctx(lang, '10.0.0.4'), token, form, midnight);
        assert.fail('accepted after the deadline');
      } catch (e) {
        assert.ok(e instanceof AppError);
        assert.equal(e.status, 409);
        assert.equal(e.key, 'award.error.deadline_passed');
        const { translate } = await import('../../platform/i18n/i18n.ts');
        assert.match(translate(lang, e.key, e.params), text);
      }
    }
    assert.equal(
      await statusOf(requestEntrantCode(t.deps, ctx('en', '10.0.0.5'), ids.number, { name: 'X', email: 'x@example.sa' }, midnight)),
      409,
    );
    assert.equal((await nominations()).length, before + 1);
    assert.equal((await t.deps.db.selectFrom('award_entrants').select('id').where('email', '=', 'x@example.sa').execute()).length, 0);
  });

  it('conflicts a judge whose account has the entrant’s address with that nomination only, and the privacy port finds and erases the entrant', async () => {
    const huda = await verify('huda@example.sa', 'Huda', '10.0.0.6');
    const form = {
      token: huda.token,
      branch_id: String(ids.idea),
      title_ar: 'ه',
      title_en: 'Huda idea',
      summary: 'S',
      nominee_name: 'Huda',
    };
    const made = await huda.c.post('/en/award/entrant/nominations', form);
    const id = Number(/nominations\/(\d+)\?/.exec(String(made.headers.location))?.[1]);
    const all = await nominations();
    const map = await conflictMap(t.deps.db, ids.cycle, all);
    assert.ok(map.get(id)?.has(ids.judge));
    for (const n of all) if (n.id !== id) assert.equal(map.get(n.id)?.has(ids.judge), false, `nomination ${n.id} is not Huda's`);

    const exported = await awardPersonalData.export(t.deps, { email: 'sara2@example.sa', phone: null });
    const entrant = exported.find((k) => k.kind === 'award.entrant');
    assert.equal(entrant?.records.length, 1);
    assert.match(JSON.stringify(entrant?.records), /A better idea/);
    const erased = await t.deps.db
      .transaction()
      .execute((trx) => awardPersonalData.erase(trx, t.deps, { email: 'sara2@example.sa', phone: null }));
    assert.equal(erased.counts['award.entrant'], 1);
    assert.equal((await t.deps.db.selectFrom('award_entrants').select('id').where('email', '=', 'sara2@example.sa').execute()).length, 0);
  });
});
