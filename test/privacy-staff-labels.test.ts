import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createProbe } from '../src/modules/availability/testing.ts';
import { publishInTransaction, requestReview, saveDraft } from '../src/modules/catalog/testing.ts';
import { addMonths, currentMonth, saveMonth } from '../src/modules/kpi/testing.ts';
import {
  addEvidence,
  answersForm,
  definitionOf,
  importFramework,
  openedRound,
  PDF,
  publishFramework,
  reviewAnswer,
  saveAnswers,
  smallFrameworkJson,
  submitAnswers,
} from '../src/modules/measure/testing.ts';
import { committees } from '../src/modules/plan/testing.ts';
import { fileRequest } from '../src/modules/privacy/testing.ts';
import { modules } from '../src/modules.ts';
import type { Membership } from '../src/platform/auth/actor.ts';
import { type Ctx, systemCtx } from '../src/platform/auth/actor.ts';
import { type TestApp, testApp } from './helpers/app.ts';
import { buildService, sampleService } from './helpers/catalog.ts';
import { Client, signedIn } from './helpers/client.ts';
import { buildAgency, buildUser } from './helpers/factories.ts';
import { unzip } from './helpers/zip.ts';

// Staff labels (`Name <email>`) in measure, kpi, catalog and availability, on both engines: a staff
// member who answered, reviewed and imported in measurement, entered figures, saved, sent for review
// and published a service record, and added a probe finds all of it in their archive; when the
// privacy office erases their account, none of those modules' tables holds their name or address
// any more, every row stays, and a colleague's labels are untouched.

const SARA = { email: 'sara.labels@example.sa', name: 'Sara Labelsson' };
const OMAR = { email: 'omar.labels@example.sa', name: 'Omar Labelsson' };
const MODULES = ['measure', 'kpi', 'catalog', 'availability', 'plan'];
const KINDS = ['measure.staff', 'kpi.staff', 'catalog.staff', 'availability.staff', 'plan.staff', 'plan.committee_member'];

describe('privacy: staff labels in measure, kpi, catalog and availability', () => {
  let t: TestApp;
  let office: Client;
  const serviceIds: number[] = [];
  const tables = () => MODULES.flatMap((name) => modules.find((m) => m.name === name)?.tables ?? []);
  /** Every row of the four modules' tables, one JSON line per table. */
  const dump = async () => {
    const out: string[] = [];
    for (const table of tables())
      out.push(
        JSON.stringify(
          await t.deps.db
            .selectFrom(table as 'measure_answers')
            .selectAll()
            .execute(),
        ),
      );
    return out.join('\n');
  };
  const rowCounts = async () => {
    const out: Record<string, number> = {};
    for (const table of tables())
      out[table] = Number(
        (
          await t.deps.db
            .selectFrom(table as 'measure_answers')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    return out;
  };
  const occurrences = (text: string, s: string) => text.split(s).length - 1;

  /** A browser that proved the address through the pages (the code read from the outbox). */
  async function verified(email: string): Promise<Client> {
    const c = new Client(t.app, { remoteAddress: '198.51.100.40' });
    await c.get('/en/my-data');
    const sent = await c.post('/en/my-data', { email });
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
    const ok = await c.post('/en/my-data/verify', { pending, code });
    assert.equal(ok.statusCode, 303, ok.body.slice(0, 300));
    return c;
  }
  const archive = async (email: string) => {
    const res = await (await verified(email)).post('/en/my-data/archive', {});
    assert.equal(res.statusCode, 200);
    const json = (await unzip(res.rawPayload)).get('data.json')?.toString('utf8') ?? '';
    const doc = JSON.parse(json) as { modules: { module: string; kinds: { kind: string; records: Record<string, unknown>[] }[] }[] };
    return { json, kinds: Object.fromEntries(doc.modules.flatMap((m) => m.kinds.map((k) => [k.kind, k.records]))) };
  };

  before(async () => {
    t = await testApp();
    const sys = systemCtx('labels-test');
    await buildUser(t.deps, { email: 'office@labels.test', role: 'program_admin' });
    office = await signedIn(t.app, 'office@labels.test');
    const agencies = [await buildAgency(t.deps, { code: 'labels-a' }), await buildAgency(t.deps, { code: 'labels-b' })];
    // Sara administers agency A and the program; Omar administers agency B and reviews for the program.
    const ctxs: Ctx[] = [];
    for (const [i, p] of [SARA, OMAR].entries()) {
      const agencyId = agencies[i].id;
      const u = await buildUser(t.deps, { email: p.email, name: p.name, role: 'agency_admin', agencyId });
      const program = i === 0 ? 'program_admin' : 'program_reviewer';
      await t.deps.db
        .insertInto('memberships')
        .values({ user_id: u.id, role: program, agency_id: null, created_at: new Date().toISOString() })
        .execute();
      const memberships: Membership[] = [
        { role: 'agency_admin', agencyId },
        { role: program, agencyId: null },
      ];
      ctxs.push({
        actor: { kind: 'user', id: u.id, name: u.name, email: u.email, locale: 'en', memberships },
        lang: 'en',
        requestId: null,
        ip: null,
      });
    }

    // Catalog: each publishes their agency's service, then saves a draft of it and asks for its review.
    for (const [i, ctx] of ctxs.entries()) {
      const identifier = `labels-svc-${i === 0 ? 'sara' : 'omar'}`;
      const row = await buildService(t.deps, agencies[i].id, { identifier, publish: false });
      await t.deps.db.transaction().execute((trx) => publishInTransaction(trx, t.deps, ctx, row, sampleService()));
      await saveDraft(t.deps, ctx, row.id, sampleService({ processing_time: 'P2D' }));
      await requestReview(t.deps, ctx, row.id, 'Please check the processing time');
      serviceIds.push(row.id);
    }

    // Measure: Sara imports the framework; each answers, adds evidence and submits for their agency; each reviews the other's.
    const fw = await importFramework(t.deps, ctxs[0], JSON.stringify(smallFrameworkJson()));
    await publishFramework(t.deps, sys, fw.id);
    const f = definitionOf(fw);
    const round = await openedRound(t.deps, fw.id, [agencies[0].id, agencies[1].id], { code: 'labels-round' });
    const all = { 'q.yes': 'yes', 'q.pct': '70', 'q.na': 'NA', 'q.level': 'some', 'q.days': '4' };
    for (const [i, ctx] of ctxs.entries()) {
      await saveAnswers(t.deps, ctx, round.id, agencies[i].id, Object.keys(all), answersForm(f, all) as Record<string, unknown>);
      await addEvidence(t.deps, ctx, round.id, agencies[i].id, 'q.pct', PDF, 'Office list');
      await submitAnswers(t.deps, ctx, round.id, agencies[i].id, { attest: 'on' });
    }
    await reviewAnswer(t.deps, ctxs[0], round.id, agencies[1].id, 'q.days', { decision: 'accept' });
    await reviewAnswer(t.deps, ctxs[1], round.id, agencies[0].id, 'q.days', { decision: 'accept' });

    // KPI and availability: each enters last month's figures and adds a probe for their service.
    const month = addMonths(currentMonth(), -1);
    for (const [i, ctx] of ctxs.entries()) {
      const figures = {
        month,
        web: '600',
        app: '200',
        kiosk: '0',
        call_centre: '60',
        service_centre: '40',
        started: '1000',
        completed: '800',
      };
      await saveMonth(t.deps, ctx, serviceIds[i], month, figures, 'api');
      await createProbe(t.deps, ctx, { service_id: String(serviceIds[i]), interval_seconds: '3600' });
    }

    // Plan: each keeps their agency's e-transactions committee, is its chair (by account), holds a
    // meeting, records its minutes and a decision they own.
    for (const [i, ctx] of ctxs.entries()) {
      const committee = await committees.saveCommittee(t.deps, ctx, agencies[i].id, { name_ar: 'لجنة التعاملات', name_en: 'Committee' });
      const userId = ctx.actor.kind === 'user' ? ctx.actor.id : 0;
      const member = await committees.addMember(t.deps, ctx, committee.id, { user_id: String(userId), role_title: 'Chair', chair: 'on' });
      const meeting = await committees.addMeeting(t.deps, ctx, committee.id, {
        held_at: '2026-01-10T07:00:00.000Z',
        agenda: 'Digitising licences',
      });
      await committees.recordMinutes(t.deps, ctx, meeting.id, { minutes: 'Agreed to digitise licensing.' });
      await committees.addDecision(t.deps, ctx, meeting.id, {
        decision: 'Publish the licence service',
        owner_member_id: String(member.id),
        due_on: '2026-03-01',
      });
    }
  });
  after(() => t.close());

  it('lists what a staff member did in the four modules in their archive, and nothing a colleague did', async () => {
    const { json, kinds } = await archive(SARA.email);
    for (const kind of KINDS) assert.ok((kinds[kind]?.length ?? 0) > 0, `${kind} in the archive`);
    const measure = JSON.stringify(kinds['measure.staff']);
    assert.match(measure, /"framework":\{"key":"small"/, 'the framework she imported');
    for (const action of [
      '"action":"save"',
      '"action":"evidence_add"',
      '"action":"submit"',
      '"action":"accept"',
      '"sign_off"',
      '"filename":"',
    ])
      assert.ok(measure.includes(action), `measure: ${action}`);
    assert.match(JSON.stringify(kinds['kpi.staff']), /"month":"\d{4}-\d{2}","version":1,"source":"api"/);
    const catalog = JSON.stringify(kinds['catalog.staff']);
    assert.match(catalog, /"publication":\{"service":"labels-svc-sara","version":1/);
    assert.match(catalog, /"review_note":"Please check the processing time"/);
    assert.match(JSON.stringify(kinds['availability.staff']), /"probe":\{.*"service_id":\d+/);
    assert.ok(!json.includes('labels-svc-omar'), 'not his service');
    // Her reviews are of his agency's answers, her saves of her own: never his actions.
    const agencyIds = new Set(
      (kinds['kpi.staff'] ?? [])
        .map((r) => (r.figures as { agency_id: number }).agency_id)
        .concat((kinds['availability.staff'] ?? []).map((r) => (r.probe as { agency_id: number }).agency_id)),
    );
    assert.equal(agencyIds.size, 1, 'her figures and probe only');
    assert.equal(
      (kinds['measure.staff'] ?? []).filter((r) => (r.action as { action?: string } | undefined)?.action === 'accept').length,
      1,
      'her one review decision, not his',
    );
  });

  it('erases the labels on the office’s approval: no name or address left, every row kept, a colleague untouched', async () => {
    const before = await dump();
    const countsBefore = await rowCounts();
    for (const s of [SARA.email, SARA.name]) assert.ok(before.includes(s), `${s} is there to erase`);
    const omarLabel = `${OMAR.name} <${OMAR.email}>`;
    const omarBefore = occurrences(before, omarLabel);
    assert.ok(omarBefore >= 10, 'his labels across the modules');

    const id = await fileRequest(t.deps, systemCtx('labels-test'), { email: SARA.email, phone: null }, 'erasure', {
      erasure_details: 'I left the ministry',
    });
    const done = await office.post(`/en/console/privacy/requests/${id}`, { action: 'complete', note: 'Checked' });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));

    const afterDump = await dump();
    for (const s of [SARA.email, SARA.name]) assert.ok(!afterDump.includes(s), `no ${s} left in measure, kpi, catalog or availability`);
    assert.equal(occurrences(afterDump, omarLabel), omarBefore, 'his labels untouched');
    assert.deepEqual(await rowCounts(), countsBefore, 'every row kept');
    const labels = await t.deps.db
      .selectFrom('service_versions')
      .select('published_by')
      .where('service_id', '=', serviceIds[0])
      .orderBy('version')
      .execute();
    assert.deepEqual(
      labels.map((l) => l.published_by),
      ['[erased]'],
      'the version stays, without who published it',
    );
    const request = await t.deps.db.selectFrom('privacy_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const outcome = JSON.parse(request.outcome_json ?? '{}') as { counts: Record<string, number> };
    for (const kind of KINDS) assert.ok((outcome.counts[kind] ?? 0) > 0, `${kind} counted in the outcome`);
    // Asked again, the archive holds none of it.
    const { kinds } = await archive(SARA.email);
    for (const kind of KINDS) assert.equal(kinds[kind]?.length ?? 0, 0, `${kind} empty after erasure`);
  });
});
