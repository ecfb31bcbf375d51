import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { dayNumber, isoDay } from '../../platform/i18n/dates.ts';
import { addAttachment, safeFileName } from './attachments.ts';
import * as repo from './award.repo.ts';
import { insertDraft } from './award.service.ts';
import { entrantToken } from './entrants.service.ts';
import { awardPersonalData } from './privacy.ts';
import { addBranch, addJudge, createCycle, createNomination, screenNomination, submitNomination } from './testing.ts';

// Supporting documents of a nomination: uploaded by its owner while a draft (the agency's
// administrator, or the individual entrant by their signed link), judged by their bytes, at most five,
// 5 MB each and 15 MB together, names sanitised; frozen at submission; read by the office, the
// nominating party and an assigned judge (under a neutral name in a blind branch), every read audited;
// another agency or entrant refused. A refusal leaves no row and no file.

const riyadh = (d: Date) => new Date(d.getTime() + 3 * 3_600_000).toISOString().slice(0, 19);
const days = (n: number) => new Date(Date.now() + n * 86_400_000);
const rubric = { c1_name_ar: 'الأثر', c1_name_en: 'Impact', c1_weight: '1' };
const pdf = (size = 2000, fill = 'x') => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(size, fill)]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(500, 1)]);
const MB = 1024 * 1024;

describe('award: supporting documents of a nomination', () => {
  let t: TestApp;
  let office: Client;
  let aAdmin: Client;
  let aEditor: Client;
  let bAdmin: Client;
  let judge1: Client;
  let judge2: Client;
  const sys = systemCtx('test office');
  const ids = { a: 0, b: 0, cycle: 0, svc: 0, idea: 0, n: 0, big: 0, j1: 0, j2: 0 };

  /** Every file under the storage directory (to prove a refusal stored nothing). */
  async function storedFiles(): Promise<string[]> {
    const root = t.deps.config.storageDir;
    const out: string[] = [];
    for (const d of await readdir(root, { withFileTypes: true }).catch(() => [])) {
      if (!d.isDirectory()) continue;
      for (const f of await readdir(join(root, d.name))) out.push(`${d.name}/${f}`);
    }
    return out.sort();
  }
  const rows = (nominationId: number) =>
    t.deps.db.selectFrom('award_attachments').selectAll().where('nomination_id', '=', nominationId).orderBy('id').execute();
  const audits = (action: string) => t.deps.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const upload = (c: Client, lang: string, id: number, data: Buffer, filename = 'report.pdf') =>
    c.upload(`/${lang}/console/award/nominations/${id}/attachments`, {}, { filename, data, type: 'application/pdf' });

  before(async () => {
    t = await testApp();
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    ids.j1 = (await buildUser(t.deps, { email: 'judge1@program.sa', role: 'judge' })).id;
    ids.j2 = (await buildUser(t.deps, { email: 'judge2@program.sa', role: 'judge' })).id;
    [office, aAdmin, aEditor, bAdmin, judge1, judge2] = await Promise.all(
      ['reviewer@program.sa', 'admin@a.sa', 'editor@a.sa', 'admin@b.sa', 'judge1@program.sa', 'judge2@program.sa'].map((e) =>
        signedIn(t.app, e),
      ),
    );
    const cycle = await createCycle(t.deps, sys, {
      number: '3',
      name_ar: 'الدورة الثالثة',
      name_en: 'Third edition',
      rules_ar: 'الشروط',
      rules_en: 'The rules',
      announced_on: isoDay(dayNumber(2020, 1, 1)),
      nominations_open_at: riyadh(days(-5)),
      nominations_close_at: `${riyadh(days(20)).slice(0, 10)}T23:59:59`,
      screening_ends_on: riyadh(days(40)).slice(0, 10),
      judging_ends_on: riyadh(days(60)).slice(0, 10),
      results_on: riyadh(days(90)).slice(0, 10),
      judges_per_nomination: '1',
    });
    ids.cycle = cycle.id;
    const branch = (code: string, nominee_kind: string, blind: string | undefined) =>
      addBranch(t.deps, sys, cycle.id, {
        code,
        name_ar: `فرع ${code}`,
        name_en: `Branch ${code}`,
        description_ar: 'وصف',
        description_en: 'About',
        nominee_kind,
        scale_max: '5',
        ...(blind ? { blind } : {}),
        ...rubric,
      });
    ids.svc = (await branch('plan', 'agency', 'on')).id;
    ids.idea = (await branch('idea', 'individual', undefined)).id;
    const fields = { branch_id: String(ids.svc), title_ar: 'خطة', title_en: 'The plan', summary: 'What was done.' };
    ids.n = (await createNomination(t.deps, sys, cycle.id, ids.a, fields)).id;
    ids.big = (await createNomination(t.deps, sys, cycle.id, ids.a, { ...fields, title_en: 'Big files' })).id;
    for (const j of [ids.j1, ids.j2]) await addJudge(t.deps, sys, cycle.id, { user_id: String(j) });
  });
  after(() => t.close());

  it('sanitises file names to their last segment, safe characters and the sniffed extension', () => {
    assert.equal(safeFileName('../../Report <final>.pdf', 'pdf'), 'Report _final.pdf');
    assert.equal(safeFileName('C:\\Users\\me\\تقرير الأداء.PDF', 'pdf'), 'تقرير الأداء.pdf');
    assert.equal(safeFileName('.htaccess', 'png'), 'document.png');
    assert.equal(safeFileName('photo.exe', 'jpg'), 'photo.jpg');
    assert.equal(safeFileName(undefined, 'pdf'), 'document.pdf');
    assert.equal(safeFileName('\u0000\u202e', 'pdf'), 'document.pdf');
    assert.equal(safeFileName(`${'a'.repeat(300)}.pdf`, 'pdf').length, 84);
  });

  it("lets the agency's administrator attach a document to its draft, named safely and stored once", async () => {
    const before = await storedFiles();
    const res = await upload(aAdmin, 'en', ids.n, pdf(), '../../Report <final>.pdf');
    assert.equal(res.statusCode, 303, res.body);
    const [a] = await rows(ids.n);
    assert.equal(a.file_name, 'Report _final.pdf');
    assert.equal(a.mime, 'application/pdf');
    assert.equal(a.size, pdf().length);
    assert.ok(await t.deps.storage.exists(a.file_key));
    assert.equal((await storedFiles()).length, before.length + 1);
    const [audit] = await audits('award.attachment.add');
    assert.equal(audit.record_id, String(ids.n));
    assert.match(String(audit.after_json), new RegExp(a.sha256));
    const page = await aAdmin.get(`/en/console/award/nominations/${ids.n}`);
    assert.match(page.body, /Report _final\.pdf/);
    assert.match(page.body, /enctype="multipart\/form-data"/);
  });

  it('refuses a wrong kind, a file too big, no file and a stranger, in both languages, storing nothing', async () => {
    const before = await storedFiles();
    const text = await upload(aAdmin, 'ar', ids.n, Buffer.from('just some text, not a PDF'), 'fake.pdf');
    assert.equal(text.statusCode, 400);
    assert.match(text.body, /نوع الملف غير مقبول؛ الأنواع المقبولة: PDF, PNG, JPG/);
    assert.match(text.body, /f-file/);
    const exe = await upload(aAdmin, 'en', ids.n, Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'setup.pdf');
    assert.equal(exe.statusCode, 400);
    assert.match(exe.body, /This kind of file is not accepted/);
    const big = await upload(aAdmin, 'en', ids.n, pdf(6 * MB));
    assert.equal(big.statusCode, 400);
    assert.match(big.body, /The file is larger than 5 MB/);
    // Past the parser's limit (twice the file's) too: the form's own error, not a bare 413, in both languages.
    const huge = await upload(aAdmin, 'en', ids.n, pdf(11 * MB));
    assert.equal(huge.statusCode, 400);
    assert.match(huge.body, /The file is larger than 5 MB/);
    assert.match(huge.body, /f-file/);
    const hugeAr = await upload(aAdmin, 'ar', ids.n, pdf(25 * MB));
    assert.equal(hugeAr.statusCode, 400);
    assert.match(hugeAr.body, /f-file/);
    assert.match(hugeAr.body, /أكبر من ٥ ميغابايت/);
    const none = await aAdmin.upload(`/ar/console/award/nominations/${ids.n}/attachments`, {});
    assert.equal(none.statusCode, 400);
    assert.match(none.body, /اختر ملفًا لإرفاقه/);
    assert.equal((await upload(bAdmin, 'en', ids.n, pdf())).statusCode, 403);
    assert.equal((await upload(aEditor, 'en', ids.n, pdf())).statusCode, 403);
    assert.equal((await upload(office, 'en', ids.n, pdf())).statusCode, 403);
    assert.equal((await rows(ids.n)).length, 1);
    assert.deepEqual(await storedFiles(), before);
  });

  it('refuses a sixth document and a total over 15 MB, with nothing half-written', async () => {
    for (let i = 2; i <= 5; i++) assert.equal((await upload(aAdmin, 'en', ids.n, pdf(1000, String(i)), `part ${i}.pdf`)).statusCode, 303);
    assert.equal((await rows(ids.n)).length, 5);
    const before = await storedFiles();
    const sixth = await upload(aAdmin, 'ar', ids.n, pdf());
    assert.equal(sixth.statusCode, 400);
    assert.match(sixth.body, /لا يحمل الترشيح أكثر من ٥ مستندات|لا يحمل الترشيح أكثر من 5 مستندات/);
    for (let i = 0; i < 3; i++) assert.equal((await upload(aAdmin, 'en', ids.big, pdf(4 * MB, String(i)))).statusCode, 303);
    const over = await upload(aAdmin, 'en', ids.big, pdf(4 * MB));
    assert.equal(over.statusCode, 400);
    assert.match(over.body, /may total at most 15 MB/);
    assert.equal((await rows(ids.big)).length, 3);
    assert.equal((await storedFiles()).length, before.length + 3);
  });

  it('removes the stored file when the write that records it fails', async () => {
    const before = await storedFiles();
    const stale = (await repo.findNomination(t.deps.db, ids.big)) as repo.NominationRow;
    const cycle = (await repo.findCycle(t.deps.db, ids.cycle)) as repo.CycleRow;
    // The nomination is submitted between the checks and the write: the transaction refuses, the file goes.
    await t.deps.db.updateTable('award_nominations').set({ status: 'submitted' }).where('id', '=', ids.big).execute();
    await assert.rejects(
      addAttachment(t.deps, sys, stale, cycle, pdf(100), 'late.pdf'),
      (e: unknown) => e instanceof AppError && e.status === 409,
    );
    assert.deepEqual(await storedFiles(), before);
    assert.equal((await rows(ids.big)).length, 3);
    await t.deps.db.updateTable('award_nominations').set({ status: 'draft' }).where('id', '=', ids.big).execute();
    await assert.rejects(
      addAttachment(t.deps, sys, stale, cycle, pdf(100), 'late.pdf', days(30)),
      (e: unknown) => e instanceof AppError && e.status === 409 && e.key === 'award.error.deadline_passed',
    );
    assert.deepEqual(await storedFiles(), before);
  });

  it('lets the owner remove a document while the nomination is a draft, and another agency not', async () => {
    const [, second] = await rows(ids.n);
    assert.equal((await bAdmin.post(`/en/console/award/attachments/${second.id}/remove`)).statusCode, 403);
    const res = await aAdmin.post(`/en/console/award/attachments/${second.id}/remove`);
    assert.equal(res.statusCode, 303);
    assert.equal((await rows(ids.n)).length, 4);
    assert.equal(await t.deps.storage.exists(second.file_key), false);
    assert.equal((await audits('award.attachment.remove')).length, 1);
  });

  it('freezes the documents at submission: their fingerprints on record, no upload or removal after', async () => {
    await submitNomination(t.deps, sys, ids.n);
    const [submit] = (await audits('award.nomination.submit')).filter((a) => a.record_id === String(ids.n));
    const frozen = JSON.parse(String(submit.after_json)).attachments as { sha256: string }[];
    assert.deepEqual(
      frozen.map((f) => f.sha256),
      (await rows(ids.n)).map((r) => r.sha256),
    );
    const up = await upload(aAdmin, 'ar', ids.n, pdf());
    assert.equal(up.statusCode, 409);
    const [first] = await rows(ids.n);
    assert.equal((await aAdmin.post(`/en/console/award/attachments/${first.id}/remove`)).statusCode, 409);
    assert.equal((await rows(ids.n)).length, 4);
    const page = await aAdmin.get(`/en/console/award/nominations/${ids.n}`);
    assert.doesNotMatch(page.body, /enctype="multipart\/form-data"/);
    assert.match(page.body, /frozen with the nomination/);
  });

  it('is read by the office, the agency and an assigned judge (neutrally named when blind), each read audited; others refused', async () => {
    const [first] = await rows(ids.n);
    const url = `/en/console/award/attachments/${first.id}`;
    const readsBefore = (await audits('award.attachment.read')).length;
    for (const c of [office, aAdmin, aEditor]) {
      const res = await c.get(url);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(String(res.headers['content-disposition']), /Report _final\.pdf|Report__final\.pdf/);
      assert.deepEqual(res.rawPayload, pdf());
    }
    assert.equal((await bAdmin.get(url)).statusCode, 403);
    assert.equal((await judge1.get(url)).statusCode, 403);
    await screenNomination(t.deps, sys, ids.n, { decision: 'eligible' });
    await t.deps.db
      .insertInto('award_reviews')
      .values({
        nomination_id: ids.n,
        judge_user_id: ids.j1,
        status: 'assigned',
        scores_json: '{}',
        comment: null,
        assigned_at: new Date().toISOString(),
        submitted_at: null,
      })
      .execute();
    const seen = await judge1.get(url);
    assert.equal(seen.statusCode, 200);
    assert.match(String(seen.headers['content-disposition']), /filename="attachment-1\.pdf"/);
    const page = await judge1.get(`/en/console/award/nominations/${ids.n}`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /attachment-1\.pdf/);
    assert.doesNotMatch(page.body, /Report _final|part 3/);
    // Seated but not assigned: refused.
    assert.equal((await judge2.get(url)).statusCode, 403);
    const reads = await audits('award.attachment.read');
    assert.equal(reads.length - readsBefore, 4);
    assert.match(String(reads.at(-1)?.after_json), /attachment-1\.pdf/);
    assert.equal((await office.get('/en/console/award/attachments/999999')).statusCode, 404);
  });

  it('lets an individual entrant attach to their own draft by their link; another entrant gets 404, an agency 403', async () => {
    const cycle = (await repo.findCycle(t.deps.db, ids.cycle)) as repo.CycleRow;
    const entrant = async (email: string) => {
      const e = await repo.ensureEntrant(t.deps.db, ids.cycle, email, 'Entrant', 'en');
      await repo.updateEntrant(t.deps.db, e.id, { verified_at: new Date().toISOString() });
      return e.id;
    };
    const [e1, e2] = [await entrant('one@example.com'), await entrant('two@example.com')];
    const [tok1, tok2] = [entrantToken(t.deps, e1), entrantToken(t.deps, e2)];
    const n = await insertDraft(
      t.deps,
      sys,
      cycle,
      { agencyId: null, entrantId: e1 },
      {
        branch_id: String(ids.idea),
        title_ar: 'فكرة',
        title_en: 'An idea',
        summary: 'The idea.',
        nominee_name: 'Sara',
      },
    );
    const person = new Client(t.app);
    const stranger = new Client(t.app);
    const up = (c: Client, token: string, data: Buffer, lang = 'en') =>
      c.upload(`/${lang}/award/entrant/nominations/${n.id}/attachments`, { token }, { filename: 'صورة.png', data, type: 'image/png' });
    const before = await storedFiles();
    assert.equal((await up(stranger, tok2, png())).statusCode, 404);
    const wrong = await up(person, tok1, Buffer.from('GIF89a not accepted'), 'ar');
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /نوع الملف غير مقبول/);
    assert.deepEqual(await storedFiles(), before);
    const ok = await up(person, tok1, png());
    assert.equal(ok.statusCode, 303, ok.body);
    const [a] = await rows(n.id);
    assert.equal(a.file_name, 'صورة.png');
    const page = await person.get(`/en/award/entrant/nominations/${n.id}?token=${encodeURIComponent(tok1)}`);
    assert.match(page.body, /صورة\.png/);
    const read = await person.get(`/en/award/entrant/attachments/${a.id}?token=${encodeURIComponent(tok1)}`);
    assert.equal(read.statusCode, 200);
    assert.equal(read.headers['content-type'], 'image/png');
    assert.match(String(read.headers['content-disposition']), /filename\*=UTF-8''%D8%B5/);
    assert.equal((await stranger.get(`/en/award/entrant/attachments/${a.id}?token=${encodeURIComponent(tok2)}`)).statusCode, 404);
    assert.equal((await stranger.post(`/en/award/entrant/attachments/${a.id}/remove`, { token: tok2 })).statusCode, 404);
    assert.equal((await aAdmin.get(`/en/console/award/attachments/${a.id}`)).statusCode, 403);
    assert.equal((await office.get(`/en/console/award/attachments/${a.id}`)).statusCode, 200);
    assert.equal((await person.post(`/en/award/entrant/attachments/${a.id}/remove`, { token: tok1 })).statusCode, 303);
    assert.equal((await rows(n.id)).length, 0);
    assert.equal(await t.deps.storage.exists(a.file_key), false);
  });

  it("puts an entrant's documents in their privacy archive, as files, and erasing the entrant removes them", async () => {
    const cycle = (await repo.findCycle(t.deps.db, ids.cycle)) as repo.CycleRow;
    const e = await repo.ensureEntrant(t.deps.db, ids.cycle, 'privacy@example.com', 'Noura', 'ar');
    await repo.updateEntrant(t.deps.db, e.id, { verified_at: new Date().toISOString() });
    const n = await insertDraft(
      t.deps,
      sys,
      cycle,
      { agencyId: null, entrantId: e.id },
      {
        branch_id: String(ids.idea),
        title_ar: 'فكرة نورة',
        title_en: "Noura's idea",
        summary: 'The idea.',
        nominee_name: 'Noura',
      },
    );
    await addAttachment(t.deps, sys, n, cycle, pdf(300, 'n'), 'سيرة.pdf');
    const [a] = await rows(n.id);
    const subject = { email: 'privacy@example.com', phone: null };
    const kind = (await awardPersonalData.export(t.deps, subject)).find((k) => k.kind === 'award.entrant');
    assert.deepEqual(kind?.files, [{ name: `${n.id}/${a.id}-سيرة.pdf`, storageKey: a.file_key }]);
    assert.match(JSON.stringify(kind?.records), new RegExp(a.sha256));
    // Another person's archive holds none of it.
    const other = (await awardPersonalData.export(t.deps, { email: 'one@example.com', phone: null })).find(
      (k) => k.kind === 'award.entrant',
    );
    assert.equal(
      other?.files.some((f) => f.storageKey === a.file_key),
      false,
    );

    const erased = await t.deps.db.transaction().execute((trx) => awardPersonalData.erase(trx, t.deps, subject));
    assert.deepEqual(erased.files, [a.file_key]);
    assert.equal(erased.counts['award.entrant'], 2, 'the entrant and the document');
    assert.equal((await rows(n.id)).length, 0);
  });
});
