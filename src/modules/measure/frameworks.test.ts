import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { findNode, loadFramework } from './frameworks.service.ts';
import { smallFrameworkJson, upload } from './measure.fixtures.ts';

// The program office designs a framework (import, validation, editing, publication, export) and
// opens a round on it.

describe('measure: frameworks and opening a round', () => {
  let t: TestApp;
  let admin: Client;
  let aAdmin: Client;
  const ids = { a: 0, b: 0, c: 0, framework: 0, round: 0 };

  before(async () => {
    t = await testApp();
    for (const code of ['a', 'b', 'c'] as const) ids[code] = (await buildAgency(t.deps, { code: `agency-${code}` })).id;
    await buildUser(t.deps, { email: 'admin@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@a.sa', role: 'agency_admin', agencyId: ids.a });
    await buildUser(t.deps, { email: 'admin@b.sa', role: 'agency_admin', agencyId: ids.b });
    await buildUser(t.deps, { email: 'editor@c.sa', role: 'agency_editor', agencyId: ids.c });
    admin = await signedIn(t.app, 'admin@program.sa');
    aAdmin = await signedIn(t.app, 'admin@a.sa');
  });
  after(() => t.close());

  const framework = async () => (await loadFramework(t.deps, ids.framework)).framework;

  it('imports a framework file, refuses a broken one with its problems, and publishes it', async () => {
    const broken = {
      ...smallFrameworkJson(),
      nodes: [{ key: 'x', type: 'question', name_ar: 'س', name_en: 'Q', weight: -1, answer_type: 'levels' }],
    };
    const bad = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(JSON.stringify(broken)) },
    );
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /The framework is not valid \(\d+ problems\)/);
    assert.match(bad.body, /nodes\[0\]\{x\}\.weight/);
    const notJson = await upload(admin, '/en/console/measure/frameworks/import', {}, { name: 'f.json', data: Buffer.from('{oops') });
    assert.equal(notJson.statusCode, 400);
    assert.match(notJson.body, /not valid JSON/);

    const ok = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(JSON.stringify(smallFrameworkJson())) },
    );
    assert.equal(ok.statusCode, 303);
    ids.framework = Number(/frameworks\/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    const again = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(JSON.stringify(smallFrameworkJson())) },
    );
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /Framework small version 1 already exists/);

    // Scores out of range and disordered stages are refused field by field; nothing changes.
    const level = await admin.post(`/en/console/measure/frameworks/${ids.framework}/nodes/q.level`, {
      name_ar: 'سؤال',
      name_en: 'Levels',
      weight: '1',
      'levels.0.key': 'none',
      'levels.0.name_ar': 'لا',
      'levels.0.name_en': 'None',
      'levels.0.score': '1.5',
    });
    assert.equal(level.statusCode, 400);
    assert.match(level.body, /href="#f-levels-0-score"/);
    const stages = await admin.post(`/en/console/measure/frameworks/${ids.framework}/settings`, {
      scale_max: '100',
      decimals: '2',
      method: 'weighted_mean',
      'stages.0.key': 'start',
      'stages.0.name_ar': 'البداية',
      'stages.0.name_en': 'Start',
      'stages.0.min': '0',
      'stages.1.key': 'later',
      'stages.1.name_ar': 'لاحقاً',
      'stages.1.name_en': 'Later',
      'stages.1.min': '120',
    });
    assert.equal(stages.statusCode, 400);
    assert.match(stages.body, /The stage threshold is above the top of the scale/);
    assert.deepEqual(
      (await framework()).settings.stages.map((s) => s.key),
      ['building', 'availability', 'integration', 'excellence'],
    );
    // Stage names are editable.
    const renamed = await admin.post(`/en/console/measure/frameworks/${ids.framework}/nodes/infra`, {
      name_ar: 'البنية التحتية',
      name_en: 'Infrastructure and hosting',
      weight: '2',
      method: 'weighted_mean',
    });
    assert.equal(renamed.statusCode, 303);
    assert.equal((await framework()).nodes[0].name_en, 'Infrastructure and hosting');

    assert.equal((await admin.post(`/en/console/measure/frameworks/${ids.framework}/publish`, {})).statusCode, 303);
    const frozen = await admin.post(`/en/console/measure/frameworks/${ids.framework}/nodes/infra`, {
      name_ar: 'س',
      name_en: 'Changed',
      weight: '2',
    });
    assert.equal(frozen.statusCode, 409);
    const exported = await admin.get(`/measure/frameworks/${ids.framework}/framework.json`);
    assert.equal(exported.statusCode, 200);
    assert.match(String(exported.headers['content-disposition']), /attachment; filename="small-1.json"/);
    assert.equal(JSON.parse(exported.body).nodes[0].name_en, 'Infrastructure and hosting');
  });

  it('adds and removes questions of a draft through forms, refusing what would break it; only the program administrator', async () => {
    const made = await upload(
      admin,
      '/en/console/measure/frameworks/import',
      {},
      { name: 'f.json', data: Buffer.from(JSON.stringify({ ...smallFrameworkJson(), id: 'structure' })) },
    );
    const id = Number(/frameworks\/(\d+)$/.exec(String(made.headers.location))?.[1]);
    const base = `/en/console/measure/frameworks/${id}/nodes`;
    const current = async () => (await loadFramework(t.deps, id)).framework;
    const services = async () => {
      const n = (await current()).nodes.find((x) => x.key === 'services');
      return n && n.type !== 'question' ? n.children.map((c) => c.key) : [];
    };

    const form = await admin.get(`/ar${base.slice(3)}/services/add`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /سؤال جديد تحت: الخدمات/);
    assert.equal((await aAdmin.get(`${base}/services/add`)).statusCode, 403, 'agency staff never edit frameworks');
    await buildUser(t.deps, { email: 'reviewer@program.sa', role: 'program_reviewer' });
    const reviewer = await signedIn(t.app, 'reviewer@program.sa');
    assert.equal(
      (await reviewer.post(`${base}/services/add`, { key: 'q.x', name_ar: 'س', name_en: 'X', weight: '1', answer_type: 'yes_no' }))
        .statusCode,
      403,
    );

    const added = await admin.post(`${base}/services/add`, {
      key: 'q.portal',
      name_ar: 'مستوى البوابة',
      name_en: 'Portal level',
      weight: '٢',
      answer_type: 'levels',
    });
    assert.equal(added.statusCode, 303, added.body.slice(0, 300));
    assert.equal(added.headers.location, `/en/console/measure/frameworks/${id}/nodes/q.portal`);
    assert.deepEqual(await services(), ['q.level', 'q.days', 'q.auto', 'q.portal']);
    const q = findNode((await current()).nodes, 'q.portal');
    assert.ok(q && q.type === 'question' && q.answer_type === 'levels' && q.levels?.length === 3 && q.weight === 2);
    const auto = await admin.post(`${base}/infra/add`, {
      key: 'q.csat',
      name_ar: 'الرضا',
      name_en: 'CSAT',
      weight: '1',
      answer_type: 'automatic',
      source: 'feedback.csat',
    });
    assert.equal(auto.statusCode, 303);

    for (const [body, message] of [
      [
        { key: 'q.yes', name_ar: 'س', name_en: 'Again', weight: '1', answer_type: 'yes_no' },
        /The key q\.yes is already used in this framework/,
      ],
      [
        { key: 'q.auto2', name_ar: 'س', name_en: 'Auto', weight: '1', answer_type: 'automatic' },
        /Choose the source of the automatic indicator/,
      ],
      [{ key: 'Bad Key', name_ar: 'س', name_en: 'Bad', weight: '1', answer_type: 'yes_no' }, /A key is lower-case Latin letters/],
      [{ key: 'q.w', name_ar: 'س', name_en: 'W', weight: '-1', answer_type: 'yes_no' }, /href="#f-weight"/],
    ] as const) {
      const res = await admin.post(`${base}/services/add`, body);
      assert.equal(res.statusCode, 400, body.key);
      assert.match(res.body, message);
    }
    assert.equal(
      (await admin.post(`${base}/q.yes/add`, { key: 'q.z', name_ar: 'س', name_en: 'Z', weight: '1', answer_type: 'yes_no' })).statusCode,
      404,
      'nothing goes under a question',
    );
    assert.deepEqual(await services(), ['q.level', 'q.days', 'q.auto', 'q.portal'], 'refusals change nothing');

    assert.equal((await admin.post(`${base}/q.portal/remove`, {})).statusCode, 303);
    assert.deepEqual(await services(), ['q.level', 'q.days', 'q.auto']);
    assert.equal((await admin.post(`${base}/q.level/remove`, {})).statusCode, 303);
    assert.equal((await admin.post(`${base}/q.days/remove`, {})).statusCode, 303);
    const last = await admin.post(`${base}/q.auto/remove`, {});
    assert.equal(last.statusCode, 400);
    assert.match(last.body, /This is the last node at its level/);
    assert.deepEqual(await services(), ['q.auto']);
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('record_id', '=', String(id)).execute();
    assert.equal(audit.filter((a) => a.action === 'measure.framework.node_add').length, 2);
    assert.equal(audit.filter((a) => a.action === 'measure.framework.node_remove').length, 3);

    assert.equal((await admin.post(`/en/console/measure/frameworks/${id}/publish`, {})).statusCode, 303);
    assert.equal(
      (await admin.post(`${base}/services/add`, { key: 'q.late', name_ar: 'س', name_en: 'Late', weight: '1', answer_type: 'yes_no' }))
        .statusCode,
      409,
    );
    assert.equal((await admin.post(`${base}/q.auto/remove`, {})).statusCode, 409);
  });

  it('creates a round (refusing bad dates) and opens it, emailing each agency team', async () => {
    const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
    const form = {
      code: '1447-1448',
      name_ar: 'جولة ١٤٤٧',
      name_en: 'Round 1447',
      framework_id: String(ids.framework),
      period_from: day(-365),
      period_to: day(-1),
      opens_on: day(-1),
      closes_on: day(20),
      reminder_days: '7, 1',
      scope: 'selected',
      agency_ids: [String(ids.a), String(ids.b), String(ids.c)],
    };
    const backwards = await admin.post('/en/console/measure/rounds/new', { ...form, closes_on: day(-5) });
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /The last day to submit must come after the opening date/);
    const reminders = await admin.post('/en/console/measure/rounds/new', { ...form, reminder_days: '7, zero' });
    assert.equal(reminders.statusCode, 400);
    assert.match(reminders.body, /Enter whole numbers from 1 to 90/);
    const ok = await admin.post('/en/console/measure/rounds/new', form);
    assert.equal(ok.statusCode, 303);
    ids.round = Number(/rounds\/(\d+)$/.exec(String(ok.headers.location))?.[1]);
    assert.equal((await admin.post('/en/console/measure/rounds/new', form)).statusCode, 400, 'the code is taken');
    assert.equal((await aAdmin.get(`/en/console/measure/rounds/${ids.round}`)).statusCode, 403, 'agencies do not see a draft round');
    assert.equal((await admin.post(`/en/console/measure/rounds/${ids.round}/open`, {})).statusCode, 303);
    const page = await admin.get(`/ar/console/measure/rounds/${ids.round}`);
    assert.match(page.body, /هـ/, 'dates in Hijri');
    assert.match(page.body, /<time datetime=/);
    const mail = await t.deps.db
      .selectFrom('messages')
      .select(['to_address', 'message_key'])
      .where('source', '=', 'measure')
      .orderBy('to_address')
      .execute();
    assert.deepEqual(
      mail.map((m) => m.to_address),
      ['admin@a.sa', 'admin@b.sa', 'editor@a.sa', 'editor@c.sa'],
    );
    assert.ok(mail.every((m) => m.message_key.startsWith('measure:opened:')));
  });
});
