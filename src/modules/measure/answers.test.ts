import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { loadFramework } from './frameworks.service.ts';
import { answersForm, openedRound, PDF, publishedFramework, upload, versionsOnPage } from './measure.fixtures.ts';
import { closeNow } from './rounds.service.ts';
import type { Framework } from './scoring/framework.schema.ts';

// Answering: saving as one goes (with and without JavaScript), two people of one agency at once,
// bad input, evidence of the wrong kind or size, the close, and automatic indicators.

describe('measure: answering a round', () => {
  let t: TestApp;
  let one: Client;
  let two: Client;
  let f: Framework;
  let agencyId: number;
  let roundId: number;
  let base: string;
  const row = (key: string) =>
    t.deps.db
      .selectFrom('measure_answers')
      .selectAll()
      .where('round_id', '=', roundId)
      .where('agency_id', '=', agencyId)
      .where('question_key', '=', key)
      .executeTakeFirst();

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'agency-a' });
    agencyId = a.id;
    await buildService(t.deps, a.id);
    await buildUser(t.deps, { email: 'one@a.sa', role: 'agency_editor', agencyId: a.id, name: 'Huda' });
    await buildUser(t.deps, { email: 'two@a.sa', role: 'agency_admin', agencyId: a.id, name: 'Omar' });
    const fw = await publishedFramework(t.deps);
    f = (await loadFramework(t.deps, fw.id)).framework;
    roundId = (await openedRound(t.deps, fw.id, [a.id])).id;
    base = `/en/console/measure/rounds/${roundId}/agencies/${agencyId}`;
    one = await signedIn(t.app, 'one@a.sa');
    two = await signedIn(t.app, 'two@a.sa');
  });
  after(() => t.close());

  it('never lets one person silently overwrite another: the later save of a changed answer is a conflict', async () => {
    const seenByOne = await versionsOnPage(one, `${base}?section=infra`);
    const seenByTwo = await versionsOnPage(two, `${base}?section=infra`);
    assert.equal(
      (await one.post(`${base}/answers?section=infra`, answersForm(f, { 'q.yes': 'yes', 'q.pct': '40' }, seenByOne))).statusCode,
      303,
    );
    const late = await two.post(`${base}/answers?section=infra`, answersForm(f, { 'q.yes': 'no', 'q.na': 'yes' }, seenByTwo));
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /Some answers were not saved/);
    assert.match(late.body, /Huda &lt;one@a.sa> changed this answer after you opened the page\. Your unsaved value: No\./);
    assert.equal((await row('q.yes'))?.value_json, 'true', "one's answer stands");
    assert.equal((await row('q.na'))?.value_json, 'true', "two's other answer, which nobody else changed, is saved");
    // Saving again from the page now showing the current version is a deliberate change, and goes through.
    const now = await versionsOnPage(two, `${base}?section=infra`);
    assert.equal((await two.post(`${base}/answers?section=infra`, answersForm(f, { 'q.yes': 'no' }, now))).statusCode, 303);
    assert.equal((await row('q.yes'))?.version, 2);
  });

  it('autosaves from the script island: JSON with the new versions, and 409 naming conflicts', async () => {
    const v = await versionsOnPage(one, `${base}?section=services`);
    const json = { accept: 'application/json' };
    const body = new URLSearchParams();
    body.set('_csrf', await one.csrf());
    for (const [k, x] of Object.entries(answersForm(f, { 'q.level': 'some' }, v))) for (const y of [x].flat()) body.append(k, y);
    const send = (c: Client, payload: string) =>
      t.app.inject({
        method: 'POST',
        url: `${base}/answers?section=services`,
        payload,
        headers: {
          ...json,
          'content-type': 'application/x-www-form-urlencoded',
          cookie: (c as unknown as { cookieHeader(): string }).cookieHeader(),
        },
      });
    const ok = await send(one, body.toString());
    assert.equal(ok.statusCode, 200);
    assert.deepEqual(ok.json(), { saved: ['q.level'], versions: { 'q.level': 1 }, conflicts: [] });
    body.set('a_q.level', 'all');
    body.set('_csrf', await two.csrf());
    const stale = await send(two, body.toString());
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(stale.json().conflicts, ['q.level']);
    body.set('a_q.level', 'bogus');
    body.set('v_q.level', '1');
    const bad = await send(two, body.toString());
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(bad.json().errors, [{ field: 'a_q.level', message: 'Choose one of the levels.' }]);
  });

  it('refuses out-of-range and malformed values field by field, saving nothing', async () => {
    const before = await t.deps.db.selectFrom('measure_answers').selectAll().orderBy('id').execute();
    const v = await versionsOnPage(one, `${base}?section=infra`);
    const res = await one.post(`${base}/answers?section=infra`, {
      ...answersForm(f, { 'q.yes': 'maybe', 'q.pct': '120' }, v),
      'na_q.pct': 'on',
    });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#f-a_q-yes">Choose yes or no\./);
    assert.match(res.body, /href="#f-a_q-pct">&quot;Not applicable&quot; is not allowed for this question\./);
    const days = await one.post(
      `${base}/answers?section=services`,
      answersForm(f, { 'q.days': '-3' }, await versionsOnPage(one, `${base}?section=services`)),
    );
    assert.equal(days.statusCode, 400);
    assert.match(days.body, /Enter a number no lower than 0\./);
    const pct = await one.post(`${base}/answers?section=infra`, answersForm(f, { 'q.pct': '120' }, v));
    assert.match(pct.body, /Enter a percentage from 0 to 100\./);
    assert.match(pct.body, /value="120"/, 'what the person typed stays in the form');
    assert.deepEqual(await t.deps.db.selectFrom('measure_answers').selectAll().orderBy('id').execute(), before);
    // Arabic-Indic digits are numbers too.
    assert.equal((await one.post(`${base}/answers?section=infra`, answersForm(f, { 'q.pct': '٨٥٫٥' }, v))).statusCode, 303);
    assert.equal((await row('q.pct'))?.value_json, '85.5');
  });

  it('accepts evidence only of the allowed kinds and size, and keeps the history of removals', async () => {
    const url = `${base}/questions/q.pct/evidence`;
    const exe = await upload(one, url, {}, { name: 'report.pdf', data: Buffer.from('MZ\x90\x00\x03\x00\x00\x00program') });
    assert.equal(exe.statusCode, 400);
    assert.match(exe.body, /This kind of file is not accepted; accepted kinds: PDF, DOCX, XLSX, PPTX, PNG, JPG, WEBP/);
    const empty = await upload(one, url, {}, { name: 'empty.pdf', data: Buffer.alloc(0) });
    assert.equal(empty.statusCode, 400);
    const huge = await upload(one, url, {}, { name: 'huge.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) });
    assert.equal(huge.statusCode, 413);
    assert.equal((await t.deps.db.selectFrom('measure_evidence').selectAll().execute()).length, 0);
    const ok = await upload(one, url, { filename: '../../etc/خطة "التعافي".docx' }, { name: 'plan.pdf', data: PDF });
    assert.equal(ok.statusCode, 303);
    const ev = await t.deps.db.selectFrom('measure_evidence').selectAll().executeTakeFirstOrThrow();
    assert.equal(ev.filename, 'خطة التعافي.pdf', 'no path, no quotes, the real extension');
    const file = await one.get(`/measure/evidence/${ev.id}`);
    assert.equal(file.statusCode, 200);
    assert.equal(file.headers['content-type'], 'application/pdf');
    assert.match(String(file.headers['content-disposition']), /filename\*=UTF-8''%D8%AE%D8%B7%D8%A9/);
    assert.equal(file.rawPayload.subarray(0, 5).toString(), '%PDF-');
    assert.equal((await one.post(`/en/console/measure/evidence/${ev.id}/remove`, {})).statusCode, 303);
    assert.equal(await t.deps.storage.exists(ev.storage_key), false);
    const events = await t.deps.db
      .selectFrom('measure_answer_events')
      .select('action')
      .where('answer_id', '=', ev.answer_id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.action).filter((a) => a.startsWith('evidence')),
      ['evidence_add', 'evidence_remove'],
    );
  });

  it('refreshes automatic readings on demand (a reading is reused for ten minutes when the sheet is merely opened)', async () => {
    const reading = async () => JSON.parse((await row('q.auto'))?.auto_json as string);
    assert.deepEqual([(await reading()).numerator, (await reading()).denominator], [1, 1]);
    await buildService(t.deps, agencyId, { data: { maturity: 'informational' } });
    await one.get(base);
    assert.equal((await reading()).denominator, 1);
    assert.equal((await one.post(`${base}/refresh`, {})).statusCode, 303);
    assert.deepEqual([(await reading()).numerator, (await reading()).denominator, (await reading()).rate], [1, 2, 0.5]);
    assert.equal((await row('q.auto'))?.value_json, '0.5');
  });

  it('accepts no answers or evidence after the close', async () => {
    await closeNow(t.deps, systemCtx('test'), roundId);
    const v = await versionsOnPage(one, `${base}?section=infra`);
    assert.deepEqual(v, {}, 'the form is read-only');
    const late = await one.post(`${base}/answers?section=infra`, answersForm(f, { 'q.yes': 'yes' }, { 'q.yes': 3 }));
    assert.equal(late.statusCode, 409);
    assert.match(late.body, /The submission period of this round is over/);
    const file = await upload(one, `${base}/questions/q.pct/evidence`, {}, { name: 'late.pdf', data: PDF });
    assert.equal(file.statusCode, 409);
    assert.equal((await two.post(`${base}/submit`, { attest: 'on' })).statusCode, 409);
  });
});
