import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { submitRequest } from '../src/modules/advisory/testing.ts';
import { addBranch, addConflict, addJudge, createCycle, createNomination } from '../src/modules/award/testing.ts';
import { complaint, files, Visitor } from '../src/modules/feedback/testing.ts';
import { subscribe } from '../src/modules/notify/testing.ts';
import {
  approveConsultation,
  createConsultation,
  dayOf,
  postComment,
  publishConsultation,
  submitConsultation,
  verifiedParticipant,
  vote,
} from '../src/modules/participate/testing.ts';
import { cutoffFor, runPurge } from '../src/modules/privacy/testing.ts';
import {
  addSession,
  createOffering,
  createProgramme,
  nominate,
  recordCompletion,
  setOfferingStatus,
  setProgrammePublished,
} from '../src/modules/training/testing.ts';
import { modules } from '../src/modules.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';
import { unzip } from './helpers/zip.ts';

// Personal data end to end on both engines: a person verifies an address by an emailed code,
// downloads everything Yusr holds about it (and nothing about anyone else), asks for erasure, the
// office approves, and afterwards no table of the modules that held it, and no stored file, has
// any of it, while case, comment, vote and subscriber counts stay what they were. Then retention on
// fixtures with known dates, Gregorian and Hijri; the access log; breaches; the privacy notice.

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const SARA = {
  email: 'sara.privacy@example.sa',
  name: 'Sara Alharbi',
  subject: 'Passport renewal stuck',
  body: 'Sara-unique-complaint-text',
  comment: 'Sara-unique-comment',
  completion: 'Sara-unique-completion-reason',
  conflict: 'Sara-unique-conflict-note',
};
const OMAR = {
  email: 'omar.privacy@example.sa',
  name: 'Omar Alqahtani',
  subject: 'Omar licence question',
  body: 'Omar-unique-complaint-text',
  comment: 'Omar-unique-comment',
  completion: 'Omar-unique-completion-reason',
  conflict: 'Omar-unique-conflict-note',
};
const PERSONAL = (p: typeof SARA) => [p.email, p.name, p.subject, p.body, p.comment, p.completion, p.conflict];

describe('privacy: requests, erasure, retention, access log, breaches', () => {
  let t: TestApp;
  let office: Client;
  let agencyId = 0;
  const storageKeys: Record<string, string[]> = {};
  const tablesOf = (name: string) => modules.find((m) => m.name === name)?.tables ?? [];
  const dump = async () => {
    const out: string[] = [];
    // Every module holding personal data, the staff accounts' tables and the certificates; not the
    // audit trail nor the outbox (README, Personal data: what erasure keeps).
    const tables = [
      ...['feedback', 'notify', 'participate', 'identity', 'training', 'award', 'advisory'].flatMap(tablesOf),
      'users',
      'memberships',
      'sessions',
      'user_tokens',
      'credentials',
    ];
    for (const table of tables)
      out.push(
        JSON.stringify(
          await t.deps.db
            .selectFrom(table as 'feedback_cases')
            .selectAll()
            .execute(),
        ),
      );
    return out.join('\n');
  };
  const count = async (
    table:
      | 'feedback_cases'
      | 'participate_comments'
      | 'participate_votes'
      | 'notify_subscribers'
      | 'feedback_case_events'
      | 'users'
      | 'training_enrolments'
      | 'credentials'
      | 'award_conflicts'
      | 'award_nominations'
      | 'advisory_requests',
  ) =>
    Number(
      (
        await t.deps.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const figures = async () => ({
    cases: await count('feedback_cases'),
    events: await count('feedback_case_events'),
    comments: await count('participate_comments'),
    votes: await count('participate_votes'),
    subscribers: await count('notify_subscribers'),
    accounts: await count('users'),
    enrolments: await count('training_enrolments'),
    certificates: await count('credentials'),
    conflicts: await count('award_conflicts'),
    nominations: await count('award_nominations'),
    advisory: await count('advisory_requests'),
  });

  /** A browser that proved the address through the pages (the code read from the outbox). */
  async function verified(email: string, lang: 'ar' | 'en', ip: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: ip });
    await c.get(`/${lang}/my-data`);
    const sent = await c.post(`/${lang}/my-data`, { email });
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
    const wrong = await c.post(`/${lang}/my-data/verify`, { pending, code: code === '000000' ? '111111' : '000000' });
    assert.equal(wrong.statusCode, 400);
    const ok = await c.post(`/${lang}/my-data/verify`, { pending, code });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    return c;
  }

  before(async () => {
    t = await testApp();
    const agency = await buildAgency(t.deps, { code: 'privacy-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
    agencyId = agency.id;
    await buildUser(t.deps, { email: 'office@privacy.test', role: 'program_admin' });
    office = await signedIn(t.app, 'office@privacy.test');
    const sys = systemCtx('privacy-test');
    for (const [i, p] of [SARA, OMAR].entries()) {
      const v = new Visitor(t.app, `203.0.113.${10 + i}`);
      const res = await v.upload(
        '/en/feedback/new',
        complaint(agency.id, { contact_email: p.email, contact_name: p.name, subject: p.subject, body: `${p.body} — please help` }),
        { field: 'attachment', filename: 'receipt.pdf', type: 'application/pdf', data: files.pdf() },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      await subscribe(
        t.deps,
        { ...sys, ip: `10.0.0.${i + 1}` },
        { email: p.email, target_type: 'agency', target_key: 'privacy-moh', frequency: 'immediate', locale: 'en' },
      );
    }
    const today = dayOf(t.deps, new Date());
    const c = await createConsultation(t.deps, sys, {
      agency_id: String(agency.id),
      title_ar: 'مسودة',
      title_en: 'Draft',
      summary_ar: 'ملخص',
      summary_en: 'Summary',
      source_format: 'text',
      source_text: 'المادة الأولى\nنص.\n\nالمادة الثانية\nنص آخر.',
      opens_on: addDays(today, -2),
      closes_on: addDays(today, 10),
    });
    await submitConsultation(t.deps, sys, c.id);
    await approveConsultation(t.deps, sys, c.id);
    await publishConsultation(t.deps, sys, c.id, new Date(`${addDays(today, -3)}T09:00:00Z`));
    const article = await t.deps.db
      .selectFrom('participate_articles')
      .select('id')
      .where('consultation_id', '=', c.id)
      .orderBy('position')
      .executeTakeFirstOrThrow();
    for (const p of [SARA, OMAR]) {
      const who = await verifiedParticipant(t.deps, sys, p.email, p.name);
      await postComment(t.deps, sys, who.id, c.id, { target: `article:${article.id}`, body: p.comment, display: 'name' });
      await vote(t.deps, sys, who.id, article.id, { stance: 'agree' });
    }
    for (const p of [SARA, OMAR]) {
      const rows = await t.deps.db
        .selectFrom('feedback_attachments as a')
        .innerJoin('feedback_cases as c', 'c.id', 'a.case_id')
        .select('a.storage_key')
        .where('c.contact_email', '=', p.email)
        .execute();
      storageKeys[p.email] = rows.map((r) => r.storage_key);
      assert.equal(rows.length, 1);
    }

    // Both are also staff of the agency (its administrators): trained and certified, judges with a
    // declared conflict, nominating for the award and asking the advisory team.
    const staff: Awaited<ReturnType<typeof buildUser>>[] = [];
    for (const p of [SARA, OMAR]) {
      const u = await buildUser(t.deps, { email: p.email, name: p.name, role: 'agency_admin', agencyId: agency.id });
      await t.deps.db
        .insertInto('memberships')
        .values({ user_id: u.id, role: 'judge', agency_id: null, created_at: new Date().toISOString() })
        .execute();
      staff.push(u);
    }
    const asStaff = (u: (typeof staff)[number]): Ctx => ({
      actor: {
        kind: 'user',
        id: u.id,
        name: u.name,
        email: u.email,
        locale: 'en',
        memberships: [{ role: 'agency_admin', agencyId: agency.id }],
      },
      lang: 'en',
      requestId: null,
      ip: null,
    });
    const programme = await createProgramme(t.deps, sys, {
      code: 'PRIV-1',
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
      online_url: 'https://meet.example.sa/priv',
    });
    await addSession(t.deps, sys, offering.id, { starts_at: `${today}T06:00:00Z`, ends_at: `${today}T08:00:00Z` });
    await setOfferingStatus(t.deps, sys, offering.id, { status: 'open' });
    const seats = await nominate(t.deps, asStaff(staff[0]), offering.id, agency.id, { user_ids: staff.map((u) => String(u.id)) });
    for (const [i, p] of [SARA, OMAR].entries()) await recordCompletion(t.deps, sys, seats[i].id, { reason: p.completion });

    const cycle = await createCycle(t.deps, sys, {
      number: '7',
      name_ar: 'الدورة السابعة',
      name_en: 'Seventh edition',
      rules_ar: 'الشروط',
      rules_en: 'Rules',
      announced_on: addDays(today, -10),
      nominations_open_at: `${addDays(today, -5)}T00:00`,
      nominations_close_at: `${addDays(today, 10)}T23:59:59`,
      screening_ends_on: addDays(today, 20),
      judging_ends_on: addDays(today, 40),
      results_on: addDays(today, 60),
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
    for (const [i, p] of [SARA, OMAR].entries()) {
      await createNomination(t.deps, asStaff(staff[i]), cycle.id, agency.id, {
        branch_id: String(branch.id),
        title_ar: `ترشيح ${i}`,
        title_en: `Nomination ${i}`,
        summary: 'Summary',
      });
      await addJudge(t.deps, sys, cycle.id, { user_id: String(staff[i].id) });
      await addConflict(t.deps, sys, cycle.id, {
        judge_user_id: String(staff[i].id),
        agency_id: String(agency.id),
        kind: 'other',
        note: p.conflict,
      });
      await submitRequest(t.deps, asStaff(staff[i]), {
        type: 'other',
        title: `Advisory ${i}`,
        question: 'Which tender?',
        urgency: 'normal',
      });
    }
  });
  after(() => t.close());

  it('refuses the office pages to the public and to agency staff', async () => {
    const anon = await new Client(t.app).get('/en/console/privacy');
    assert.ok([302, 303, 401].includes(anon.statusCode), String(anon.statusCode));
    await buildUser(t.deps, { email: 'agency.admin@privacy.test', role: 'agency_admin', agencyId });
    const staff = await signedIn(t.app, 'agency.admin@privacy.test');
    for (const path of [
      '/en/console/privacy',
      '/en/console/privacy/requests',
      '/en/console/privacy/access',
      '/en/console/privacy/breaches',
    ])
      assert.equal((await staff.get(path)).statusCode, 403, path);
    assert.equal((await new Client(t.app).post('/en/my-data/archive', {})).statusCode, 303, 'no verified address, no archive');
  });

  it('builds the register from every module and publishes it in the privacy notice in both languages', async () => {
    const page = await office.get('/en/console/privacy');
    assert.equal(page.statusCode, 200);
    for (const key of [
      'feedback.case_contact',
      'feedback.case_files',
      'notify.subscriber',
      'participate.comment',
      'privacy.request',
      'identity.account',
      'training.certificate',
      'award.judge',
      'advisory.requester',
    ])
      assert.match(page.body, new RegExp(key.replace('.', '\\.')));
    const en = await new Client(t.app).get('/en/privacy');
    assert.match(en.body, /The personal data we hold/);
    assert.match(en.body, /Contact details and text of complaints/);
    assert.match(en.body, /7 days/);
    const ar = await new Client(t.app).get('/ar/privacy');
    assert.match(ar.body, /البيانات التي نحفظها/);
    assert.match(ar.body, /عناوين المشتركين/);
  });

  it('exports everything about one person and nothing about another, files included', async () => {
    const sara = await verified(SARA.email, 'en', '198.51.100.1');
    const res = await sara.post('/en/my-data/archive', {});
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/zip');
    const zip = await unzip(res.rawPayload);
    const json = zip.get('data.json')?.toString('utf8') ?? '';
    for (const s of PERSONAL(SARA)) assert.ok(json.includes(s), `archive has ${s}`);
    for (const s of PERSONAL(OMAR)) assert.ok(!json.includes(s), `archive lacks ${s}`);
    const doc = JSON.parse(json) as { modules: { module: string; kinds: { kind: string; records: unknown[] }[] }[] };
    const kinds = Object.fromEntries(doc.modules.flatMap((m) => m.kinds.map((k) => [k.kind, k.records.length])));
    assert.equal(kinds['feedback.case_contact'], 1);
    assert.equal(kinds['notify.subscriber'], 1);
    assert.equal(kinds['participate.participant'], 1);
    assert.equal(kinds['participate.comment'], 2, 'the comment and the vote');
    assert.equal(kinds['identity.account'], 1);
    assert.equal(kinds['training.learning_record'], 1);
    assert.equal(kinds['training.certificate'], 1);
    assert.equal(kinds['award.judge'], 2, 'the panel and the conflict');
    assert.equal(kinds['award.staff'], 1);
    assert.equal(kinds['advisory.requester'], 1);
    assert.ok(kinds['privacy.outbox'] >= 2, 'the emails sent to her, codes included');
    assert.ok(json.includes('Advisory 0') && !json.includes('Advisory 1'), 'her advisory request, not his');
    assert.ok(json.includes('Nomination 0') && !json.includes('Nomination 1'), 'her nomination, not his');
    const pdfs = [...zip.keys()].filter((k) => k.startsWith('files/feedback/'));
    assert.equal(pdfs.length, 1);
    assert.deepEqual(zip.get(pdfs[0]), files.pdf());
    const access = await t.deps.db.selectFrom('privacy_requests').selectAll().where('email', '=', SARA.email).execute();
    assert.deepEqual(
      access.map((r) => [r.kind, r.status]),
      [['access', 'completed']],
    );
    // She is told once, in the language she used, that a copy was downloaded.
    const told = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('source', '=', 'privacy.request')
      .where('ref_id', '=', String(access[0].id))
      .execute();
    assert.deepEqual(
      told.map((m) => [m.to_address, m.locale, m.message_key]),
      [[SARA.email, 'en', `privacy:request:${access[0].id}:completed`]],
    );
    assert.match(told[0].subject ?? '', /A copy of your data was downloaded/);
    assert.match(told[0].text_body, /If it was not you/);
  });

  it('erases a person everywhere on the office’s approval, files included, and leaves the figures as they were', async () => {
    const sara = await verified(SARA.email, 'ar', '198.51.100.2');
    const bad = await sara.post('/ar/my-data/correction', { correction_details: '' });
    assert.equal(bad.statusCode, 400);
    const asked = await sara.post('/ar/my-data/erasure', { erasure_details: 'I no longer want you to hold my data' });
    assert.equal(asked.statusCode, 303);
    const request = await t.deps.db.selectFrom('privacy_requests').selectAll().where('kind', '=', 'erasure').executeTakeFirstOrThrow();
    assert.equal(request.status, 'received');
    const mails = () =>
      t.deps.db
        .selectFrom('messages')
        .selectAll()
        .where('source', '=', 'privacy.request')
        .where('ref_id', '=', String(request.id))
        .orderBy('id')
        .execute();
    const [received] = await mails();
    assert.equal(received.to_address, SARA.email);
    assert.equal(received.locale, 'ar', 'in the language she asked in');
    assert.match(received.subject ?? '', /استلمنا طلبك رقم/);
    assert.match(received.text_body, /هـ/, 'with the deadline in Hijri too');
    assert.equal(Date.parse(request.due_at) - Date.parse(request.created_at), 30 * 86_400_000);

    const queue = await office.get('/ar/console/privacy/requests');
    assert.equal(queue.statusCode, 200);
    assert.match(queue.body, /هـ/, 'the deadline in Hijri');
    const before = await figures();
    const dumpBefore = await dump();
    for (const s of PERSONAL(SARA)) assert.ok(dumpBefore.includes(s));
    const outbox = () => t.deps.db.selectFrom('messages').selectAll().orderBy('id').execute();
    const outboxBefore = await outbox();
    const toSara = outboxBefore.filter((m) => m.to_address.toLowerCase() === SARA.email);
    assert.ok(toSara.length >= 3, 'codes and acknowledgements were emailed to her');

    const noReason = await office.post(`/en/console/privacy/requests/${request.id}`, { action: 'reject' });
    assert.equal(noReason.statusCode, 400);
    const done = await office.post(`/en/console/privacy/requests/${request.id}`, { action: 'complete', note: 'Checked the address' });
    assert.equal(done.statusCode, 303);

    const dumpAfter = await dump();
    for (const s of PERSONAL(SARA)) assert.ok(!dumpAfter.includes(s), `no ${s} left in any table`);
    for (const s of PERSONAL(OMAR)) assert.ok(dumpAfter.includes(s), `${s} untouched`);
    for (const key of storageKeys[SARA.email]) assert.equal(await t.deps.storage.exists(key), false);
    for (const key of storageKeys[OMAR.email]) assert.equal(await t.deps.storage.exists(key), true);
    assert.deepEqual(await figures(), before);

    // The outbox keeps every row (delivery reports add up) but none of her address or what was
    // written to her — except the answer to this request, queued after the erasure to reach her.
    const outboxAfter = await outbox();
    assert.equal(outboxAfter.length, outboxBefore.length + 1, 'no row removed; the answer added');
    const stillToSara = outboxAfter.filter((m) => m.to_address.toLowerCase() === SARA.email);
    assert.deepEqual(
      stillToSara.map((m) => m.message_key),
      [`privacy:request:${request.id}:completed`],
    );
    const rest = JSON.stringify(outboxAfter.filter((m) => m.id !== stillToSara[0].id));
    for (const s of PERSONAL(SARA)) assert.ok(!rest.includes(s), `no ${s} left in the outbox`);
    for (const m of toSara) {
      const now = outboxAfter.find((x) => x.id === m.id);
      assert.equal(now?.source, m.source, 'the row keeps its source');
      assert.notEqual(now?.status, 'queued', 'nothing still waiting to reach her');
    }
    assert.ok(rest.includes(OMAR.email), 'his emails untouched');

    const answered = await mails();
    assert.equal(answered.length, 2, 'received, then completed, each once');
    assert.match(answered[1].subject ?? '', /أُنجز طلبك/);
    assert.match(answered[1].text_body, /Checked the address/);
    const closed = await t.deps.db.selectFrom('privacy_requests').selectAll().where('id', '=', request.id).executeTakeFirstOrThrow();
    assert.equal(closed.status, 'completed');
    const outcome = JSON.parse(closed.outcome_json ?? '{}') as { counts: Record<string, number>; files: number };
    assert.equal(outcome.counts['feedback.case_contact'], 1);
    assert.equal(outcome.files, 1);
    assert.equal(outcome.counts['identity.account'], 1);
    assert.equal(outcome.counts['training.certificate'], 1);
    const account = await t.deps.db.selectFrom('users').selectAll().where('email', 'like', 'erased-%').executeTakeFirstOrThrow();
    assert.equal(account.status, 'deactivated', 'the staff account is closed');
    assert.equal(account.password_hash, null);
    const certificate = await t.deps.db
      .selectFrom('credentials')
      .selectAll()
      .where('recipient_name', '=', '[erased]')
      .executeTakeFirstOrThrow();
    assert.ok(certificate.revoked_at, 'her certificate no longer verifies');
    const verify = await new Client(t.app).get(`/en/verify/${certificate.serial}`);
    assert.equal(verify.statusCode, 200);
    assert.doesNotMatch(verify.body, new RegExp(SARA.name));
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'privacy.request.complete')
      .executeTakeFirstOrThrow();
    assert.ok(!audit.after_json?.includes(SARA.email), 'the audit record carries counts, not the address');
    const history = await office.get(`/en/console/privacy/requests/${request.id}`);
    assert.match(history.body, /Checked the address/);
    // The outcome names each kind of data in the page's language, never its key.
    assert.doesNotMatch(history.body, /feedback\.case_contact|identity\.account/);
    assert.doesNotMatch((await office.get(`/ar/console/privacy/requests/${request.id}`)).body, /feedback\.case_contact|identity\.account/);
    const again = await office.post(`/en/console/privacy/requests/${request.id}`, { action: 'reject', note: 'x' });
    assert.equal(again.statusCode, 409);

    const saraAgain = await verified(SARA.email, 'en', '198.51.100.3');
    const zip = await unzip((await saraAgain.post('/en/my-data/archive', {})).rawPayload);
    const json = zip.get('data.json')?.toString('utf8') ?? '';
    for (const s of [SARA.name, SARA.subject, SARA.body, SARA.comment]) assert.ok(!json.includes(s));
  });

  it('tells the person in their language that a correction was received, then refused with the reason', async () => {
    const omar = await verified(OMAR.email, 'en', '198.51.100.4');
    const asked = await omar.post('/en/my-data/correction', { correction_ref: 'Nomination 1', correction_details: 'My name is misspelt' });
    assert.equal(asked.statusCode, 303);
    const r = await t.deps.db
      .selectFrom('privacy_requests')
      .selectAll()
      .where('email', '=', OMAR.email)
      .where('kind', '=', 'correction')
      .executeTakeFirstOrThrow();
    const refused = await office.post(`/ar/console/privacy/requests/${r.id}`, {
      action: 'reject',
      note: 'The record names an agency, not you',
    });
    assert.equal(refused.statusCode, 303);
    const mails = await t.deps.db
      .selectFrom('messages')
      .selectAll()
      .where('source', '=', 'privacy.request')
      .where('ref_id', '=', String(r.id))
      .orderBy('id')
      .execute();
    assert.deepEqual(
      mails.map((m) => [m.to_address, m.locale]),
      [
        [OMAR.email, 'en'],
        [OMAR.email, 'en'],
      ],
      'in English although the office decided on the Arabic page',
    );
    assert.match(mails[0].subject ?? '', new RegExp(`We received your data request no. ${r.id}`));
    assert.match(mails[0].text_body, /Correction/);
    assert.match(mails[1].subject ?? '', /was refused/);
    assert.match(mails[1].text_body, /Reason: The record names an agency, not you/);
  });

  it('computes cutoffs in Gregorian and Umm al-Qura calendars', () => {
    const now = new Date('2026-02-18T12:00:00Z'); // 1 Ramadan 1447
    assert.equal(cutoffFor({ n: 7, unit: 'days' }, now, 'Asia/Riyadh'), '2026-02-10T21:00:00.000Z');
    assert.equal(cutoffFor({ n: 1, unit: 'years' }, now, 'Asia/Riyadh'), '2025-02-17T21:00:00.000Z');
    // 1 Ramadan 1446 was 1 March 2025: a Hijri year is eleven days shorter.
    assert.equal(cutoffFor({ n: 1, unit: 'hijri_years' }, now, 'Asia/Riyadh'), '2025-02-28T21:00:00.000Z');
    // 1 Sha'ban 1447 was 20 January 2026.
    assert.equal(cutoffFor({ n: 1, unit: 'hijri_months' }, now, 'Asia/Riyadh'), '2026-01-19T21:00:00.000Z');
    assert.equal(cutoffFor({ n: 1, unit: 'months' }, new Date('2026-03-31T12:00:00Z'), 'UTC'), '2026-02-28T00:00:00.000Z');
  });

  it('purges by each kind’s period (a Hijri one included), reports counts only, and keeps the figures', async () => {
    const sys = systemCtx('privacy-test');
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * 86_400_000).toISOString();
    for (const [email, days] of [
      ['old.pending@example.sa', 8],
      ['new.pending@example.sa', 3],
    ] as const) {
      await subscribe(
        t.deps,
        { ...sys, ip: '10.0.1.1' },
        { email, target_type: 'agency', target_key: 'privacy-moh', frequency: 'daily', locale: 'ar' },
      );
      await t.deps.db
        .updateTable('notify_subscribers')
        .set({ created_at: ago(days) })
        .where('email', '=', email)
        .execute();
    }
    // Omar's case closed three years ago: past feedback's two years.
    await t.deps.db
      .updateTable('feedback_cases')
      .set({ status: 'resolved', resolved_at: ago(3 * 365) })
      .where('contact_email', '=', OMAR.email)
      .execute();
    // A Hijri period for unverified participants: one Hijri month (29 or 30 days).
    const set = await office.post('/en/console/privacy/retention/participate.unverified', { enabled: 'on', n: '1', unit: 'hijri_months' });
    assert.equal(set.statusCode, 303, set.body.slice(0, 400));
    const wrong = await office.post('/en/console/privacy/retention/participate.unverified', {
      enabled: 'on',
      n: '0',
      unit: 'hijri_months',
    });
    assert.equal(wrong.statusCode, 400);
    const unknown = await office.post('/en/console/privacy/retention/participate.nothing', { enabled: 'on', n: '1', unit: 'days' });
    assert.equal(unknown.statusCode, 404);
    for (const [email, days] of [
      ['old.unverified@example.sa', 31],
      ['new.unverified@example.sa', 28],
    ] as const)
      await t.deps.db
        .insertInto('participate_participants')
        .values({
          email,
          name: 'x',
          locale: 'ar',
          code_hash: null,
          code_expires_at: null,
          code_attempts: 0,
          verified_at: null,
          created_at: ago(days),
        })
        .execute();

    const before = await figures();
    const id = await runPurge(t.deps, sys, 'schedule', now, 'nightly:test');
    assert.ok(id);
    assert.equal(await runPurge(t.deps, sys, 'schedule', now, 'nightly:test'), null, 'the same night runs once');
    const run = await t.deps.db.selectFrom('privacy_purge_runs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const counts = JSON.parse(run.counts_json) as Record<string, number>;
    assert.equal(counts['notify.unconfirmed'], 1);
    assert.equal(counts['participate.unverified'], 1);
    assert.equal(counts['feedback.case_contact'], 1);
    assert.equal(counts['feedback.case_files'], 1);
    assert.equal(run.files, 1);
    assert.ok(!run.counts_json.includes('@'), 'counts, never contents');

    const emails = (await t.deps.db.selectFrom('notify_subscribers').select('email').execute()).map((r) => r.email);
    assert.ok(!emails.includes('old.pending@example.sa'));
    assert.ok(emails.includes('new.pending@example.sa'));
    const people = (await t.deps.db.selectFrom('participate_participants').select('email').execute()).map((r) => r.email);
    assert.ok(!people.includes('old.unverified@example.sa'));
    assert.ok(people.includes('new.unverified@example.sa'));
    const omar = await t.deps.db.selectFrom('feedback_cases').selectAll().where('contact_hash', 'like', 'erased:%').execute();
    assert.equal(omar.length, 2, "Sara's erased case and Omar's purged one");
    assert.equal(await t.deps.storage.exists(storageKeys[OMAR.email][0]), false);
    const after = await figures();
    assert.equal(after.cases, before.cases);
    assert.equal(after.comments, before.comments);
    assert.equal(after.subscribers, before.subscribers - 1, 'only the unconfirmed address went');

    const page = await office.get('/ar/console/privacy/retention');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /شهر هجري واحد/);
  });

  it('lists staff reads of personal data, filterable by reader and record', async () => {
    const c = await t.deps.db.selectFrom('feedback_cases').select('id').orderBy('id').executeTakeFirstOrThrow();
    assert.equal((await office.get(`/en/console/feedback/cases/${c.id}`)).statusCode, 200);
    const all = await office.get('/en/console/privacy/access');
    assert.match(all.body, /office@privacy\.test/);
    assert.match(all.body, /feedback\.case_read/);
    const none = await office.get('/en/console/privacy/access?actor=nobody-reads');
    assert.doesNotMatch(none.body, /feedback\.case_read<\/code>/);
    const one = await office.get(`/en/console/privacy/access?action=feedback.case_read&record=${c.id}`);
    assert.match(one.body, /feedback\.case_read<\/code>/);
  });

  it('records breaches with field errors, then who was told and when, audited', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const bad = await office.post('/en/console/privacy/breaches', {
      title: 'Lost laptop',
      affected: '12',
      status: 'open',
      discovered_on: today,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(await t.deps.db.selectFrom('privacy_breaches').select('id').executeTakeFirst(), undefined);
    const late = await office.post('/en/console/privacy/breaches', {
      title: 'Lost laptop',
      description: 'An unencrypted export on a laptop',
      discovered_on: today,
      data_kinds: ['feedback.case_contact'],
      affected: '12',
      authority_notified_on: addDays(today, -1),
      status: 'open',
    });
    assert.equal(late.statusCode, 400, 'told before it was discovered');
    const ok = await office.post('/en/console/privacy/breaches', {
      title: 'Lost laptop',
      description: 'An unencrypted export on a laptop',
      discovered_on: today,
      data_kinds: ['feedback.case_contact', 'notify.subscriber'],
      affected: '12',
      status: 'open',
    });
    assert.equal(ok.statusCode, 303);
    const b = await t.deps.db.selectFrom('privacy_breaches').selectAll().executeTakeFirstOrThrow();
    const upd = await office.post(`/en/console/privacy/breaches/${b.id}`, {
      title: 'Lost laptop',
      description: 'An unencrypted export on a laptop',
      discovered_on: today,
      data_kinds: ['feedback.case_contact'],
      affected: '12',
      authority_notified_on: today,
      subjects_notified_on: today,
      measures: 'Keys rotated',
      status: 'contained',
    });
    assert.equal(upd.statusCode, 303);
    const list = await office.get('/ar/console/privacy/breaches');
    assert.match(list.body, /Lost laptop/);
    assert.match(list.body, /احتُويت/);
    const audits = await t.deps.db.selectFrom('audit_log').select('action').where('record_type', '=', 'privacy_breach').execute();
    assert.deepEqual(
      audits.map((a) => a.action),
      ['privacy.breach.create', 'privacy.breach.update'],
    );
  });
});
