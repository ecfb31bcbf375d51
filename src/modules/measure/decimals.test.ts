import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { loadFramework } from './frameworks.service.ts';
import { answersForm, openedRound, publishedFramework, versionsOnPage } from './measure.fixtures.ts';
import type { Framework } from './scoring/framework.schema.ts';

// Issue 13: "0,99924" was stored as 99924 and capped to a full score. Every measure form reads its
// numbers through values.readValue (and it through the platform's parseDecimal), so these cases
// hold for the answer sheet, the question page, the reviewer's adjustment and the bulk upload alike.

describe('measure: decimal values as people type them', () => {
  let t: TestApp;
  let editor: Client;
  let f: Framework;
  let base: string;
  let roundId: number;
  let agencyId: number;
  const stored = async (key: string) =>
    (
      await t.deps.db
        .selectFrom('measure_answers')
        .select('value_json')
        .where('round_id', '=', roundId)
        .where('agency_id', '=', agencyId)
        .where('question_key', '=', key)
        .executeTakeFirst()
    )?.value_json;
  const save = async (lang: 'en' | 'ar', section: string, values: Record<string, string>) => {
    const url = `/${lang}/console/measure/rounds/${roundId}/agencies/${agencyId}`;
    return editor.post(
      `${url}/answers?section=${section}`,
      answersForm(f, values, await versionsOnPage(editor, `${url}?section=${section}`)),
    );
  };

  before(async () => {
    t = await testApp();
    const a = await buildAgency(t.deps, { code: 'agency-d' });
    agencyId = a.id;
    await buildUser(t.deps, { email: 'ed@d.sa', role: 'agency_editor', agencyId: a.id, name: 'Dana' });
    const fw = await publishedFramework(t.deps);
    f = (await loadFramework(t.deps, fw.id)).framework;
    roundId = (await openedRound(t.deps, fw.id, [a.id])).id;
    base = `/en/console/measure/rounds/${roundId}/agencies/${agencyId}`;
    editor = await signedIn(t.app, 'ed@d.sa');
  });
  after(() => t.close());

  it('reads a decimal comma, the Arabic decimal separator and Arabic-Indic digits as the same decimal', async () => {
    assert.equal((await save('en', 'infra', { 'q.pct': '0,99924' })).statusCode, 303);
    assert.equal(await stored('q.pct'), '0.99924');
    assert.equal((await save('ar', 'infra', { 'q.pct': '٠٫٩٩٩٢٤' })).statusCode, 303);
    assert.equal(await stored('q.pct'), '0.99924');
    assert.equal((await save('en', 'services', { 'q.days': '١٢,٥' })).statusCode, 303);
    assert.equal(await stored('q.days'), '12.5');
  });

  it('refuses a comma that could be a thousands separator, in both languages, saving nothing', async () => {
    const before = await stored('q.days');
    const en = await save('en', 'services', { 'q.days': '1,234' });
    assert.equal(en.statusCode, 400);
    assert.match(en.body, /href="#f-a_q-days">.*write 1234 or 1\.234/);
    const ar = await save('ar', 'services', { 'q.days': '1,234' });
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /اكتب 1234 أو 1\.234/);
    assert.equal(await stored('q.days'), before);
  });

  it('refuses a value above the scale instead of capping it (a value above the cap but within the scale stands)', async () => {
    const high = await save('en', 'services', { 'q.days': '45' });
    assert.equal(high.statusCode, 400);
    assert.match(high.body, /Enter a number no higher than 30, the top of this question's scale/);
    const ar = await save('ar', 'services', { 'q.days': '٤٥' });
    assert.equal(ar.statusCode, 400);
    assert.match(ar.body, /أدخل رقماً لا يزيد على (30|٣٠)/);
    assert.equal(await stored('q.days'), '12.5');
    assert.equal((await save('en', 'services', { 'q.days': '25' })).statusCode, 303, 'the cap (20) scores, the scale (30) refuses');
    assert.equal(await stored('q.days'), '25');
  });

  it('shows the exact value entered on the question page and in its history, not a rounded one', async () => {
    assert.equal((await save('en', 'infra', { 'q.pct': '0,99924' })).statusCode, 303);
    const page = await editor.get(`${base}/questions/q.pct`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<dd>0\.99924%<\/dd>/);
    const history = page.body.slice(page.body.indexOf('id="history-title"'));
    assert.match(history, /0\.99924%/);
    assert.doesNotMatch(history, /0\.999%/);
    const ar = await editor.get(`/ar/console/measure/rounds/${roundId}/agencies/${agencyId}/questions/q.pct`);
    assert.match(ar.body, /٠٫٩٩٩٢٤٪/);
  });
});
