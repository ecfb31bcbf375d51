import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildUser } from '../../../test/helpers/factories.ts';
import { smallFrameworkJson, upload } from './measure.fixtures.ts';

// A framework file is parsed and validated on the request path: one nested thousands of levels
// deep must be refused with a bilingual field error, never overflow the stack (a 500, or worse).

/** A framework whose tree nests `levels` nodes deep, each one the only child of the one above. */
function deepFramework(levels: number): string {
  const base = smallFrameworkJson() as Record<string, unknown>;
  let node: Record<string, unknown> = {
    key: 'q',
    type: 'question',
    name_ar: 'س',
    name_en: 'Q',
    weight: 1,
    answer_type: 'yes_no',
    allow_na: false,
    evidence: { required: false },
  };
  for (let i = levels; i > 0; i--) node = { key: `n${i}`, type: 'axis', name_ar: 'م', name_en: 'A', weight: 1, children: [node] };
  return JSON.stringify({ ...base, nodes: [node] });
}

describe('measure: hostile framework files', () => {
  let t: TestApp;
  let admin: Client;
  before(async () => {
    t = await testApp();
    await buildUser(t.deps, { email: 'admin@program.sa', role: 'program_admin' });
    admin = await signedIn(t.app, 'admin@program.sa');
  });
  after(() => t.close());

  const frameworks = async () => (await t.deps.db.selectFrom('measure_frameworks').select('id').execute()).length;

  it('a file nested 3,000 levels deep is a 400 in Arabic and English, uploaded or pasted, and nothing is stored', async () => {
    const text = deepFramework(1_500);
    const before = await frameworks();
    for (const [lang, msg] of [
      ['en', /The file nests deeper than 64 levels/],
      ['ar', /تتداخل بنية الملف أعمق من ٦٤ مستوى/],
    ] as const) {
      const res = await upload(admin, `/${lang}/console/measure/frameworks/import`, {}, { name: 'deep.json', data: Buffer.from(text) });
      assert.equal(res.statusCode, 400, res.body.slice(0, 300));
      assert.match(res.body, msg);
      assert.match(res.body, /id="f-file"/, 'the error sits beside the file field');
    }
    const pasted = await admin.post('/en/console/measure/frameworks/import', { json: '['.repeat(3_000) + ']'.repeat(3_000) });
    assert.equal(pasted.statusCode, 400);
    assert.match(pasted.body, /The file nests deeper than 64 levels/);
    assert.equal(await frameworks(), before);
    assert.equal((await t.app.inject('/healthz')).statusCode, 200);
  });

  it("a draft's JSON edited into a deep tree is refused the same way, and the draft is unchanged", async () => {
    const ok = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(JSON.stringify(smallFrameworkJson())) },
    );
    assert.equal(ok.statusCode, 303);
    const id = Number(/frameworks\/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    const stored = async () =>
      (await t.deps.db.selectFrom('measure_frameworks').select('definition_json').where('id', '=', id).executeTakeFirstOrThrow())
        .definition_json;
    const before = await stored();
    const res = await admin.post(`/en/console/measure/frameworks/${id}/json`, { definition: deepFramework(1_500) });
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /The file nests deeper than 64 levels/);
    assert.equal(await stored(), before);
  });

  it('a framework of ordinary depth still imports (the limit is far above real trees)', async () => {
    const res = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(deepFramework(20).replace('"version":"1"', '"version":"deep-20"')) },
    );
    assert.notEqual(res.statusCode, 500);
    assert.doesNotMatch(res.body, /nests deeper/);
  });
});
