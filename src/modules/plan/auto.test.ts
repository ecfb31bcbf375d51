import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService, buildTerms, sampleService } from '../../../test/helpers/catalog.ts';
import { type Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { publishInTransaction } from '../catalog/testing.ts';
import { acceptReport } from './reports.service.ts';
import { addPeriod, addTrack, createInitiative, createPlan, saveReport, setPlanStatus, submitReport } from './testing.ts';

// Issue 14: "automatic milestone completion from a catalog publication". A milestone tied to a catalog
// service completes when the catalog publishes that service live — not while it is planned or in beta —
// on the publication's day (Riyadh), with the publication as evidence, audited and in the history; a
// redelivered or later publication changes nothing, a report cannot undo it, and its tie stays.

describe('plan: milestones the catalog completes', () => {
  let t: TestApp;
  let aEditor: Client;
  let bEditor: Client;
  let office: Client;
  const ids = { a: 0, b: 0, plan: 0, initiative: 0, period: 0, gateway: 0, portal: 0 };
  const db = () => t.deps.db;
  const milestones = () =>
    db().selectFrom('plan_milestones').selectAll().where('initiative_id', '=', ids.initiative).orderBy('id').execute();
  const audits = (action: string) => db().selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();
  const form = { name_ar: 'إطلاق بوابة الدفع', name_en: 'Payment gateway launched', weight: '3', planned_date: '2026-03-31' };
  const publish = async (identifier: string, status: 'planned' | 'beta' | 'live' | 'suspended', at: string) => {
    const row = await findServiceByIdentifier(db(), identifier);
    assert.ok(row);
    await db()
      .transaction()
      .execute((trx) => publishInTransaction(trx, t.deps, systemCtx('test'), row, sampleService({ status }), undefined, { at }));
    await t.drain();
  };

  before(async () => {
    t = await testApp();
    await buildTerms(t.deps);
    ids.a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority', name_ar: 'هيئة ألفا' })).id;
    ids.b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry', name_ar: 'وزارة بيتا' })).id;
    await buildUser(t.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(t.deps, { email: 'editor@a.sa', role: 'agency_editor', agencyId: ids.a });
    await buildUser(t.deps, { email: 'editor@b.sa', role: 'agency_editor', agencyId: ids.b });
    [office, aEditor, bEditor] = await Promise.all(['office@program.sa', 'editor@a.sa', 'editor@b.sa'].map((e) => signedIn(t.app, e)));
    ids.gateway = (await buildService(t.deps, ids.a, { identifier: 'pay-gateway', data: { status: 'planned' }, publish: false })).id;
    ids.portal = (await buildService(t.deps, ids.a, { identifier: 'alpha-portal', data: { status: 'live' } })).id;
    const sys = systemCtx('test');
    ids.plan = (
      await createPlan(t.deps, sys, {
        code: 'ep-auto',
        name_ar: 'خطة',
        name_en: 'Plan',
        period_from: '2026-01-01',
        period_to: '2026-12-31',
      })
    ).id;
    const track = (await addTrack(t.deps, sys, ids.plan, { name_ar: 'مسار', name_en: 'Track', weight: '1' })).id;
    ids.period = (
      await addPeriod(t.deps, sys, ids.plan, { code: '2026-Q1', starts_on: '2026-01-01', ends_on: '2026-03-31', due_on: '2026-04-15' })
    ).id;
    ids.initiative = (
      await createInitiative(t.deps, sys, ids.plan, {
        code: 'ET-07',
        name_ar: 'الدفع الإلكتروني',
        name_en: 'E-payment',
        objective_ar: 'هدف',
        objective_en: 'Objective',
        weight: '1',
        planned_start: '2026-01-01',
        planned_end: '2026-12-31',
        budget_sar: '0',
        track_id: String(track),
        owner_agency_id: String(ids.a),
      })
    ).id;
  });
  after(() => t.close());

  it('the owner agency ties a milestone to a service; an unknown service is refused beside its field, another agency is refused', async () => {
    const url = `/ar/console/plans/initiatives/${ids.initiative}/milestones`;
    const unknown = await aEditor.post(url, { ...form, service: 'no-such-service' });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.body, /f-service/);
    assert.match(unknown.body, /لا توجد في الدليل خدمة بالمعرّف no-such-service/);
    assert.equal((await bEditor.post(url, { ...form, service: 'pay-gateway' })).statusCode, 403);
    assert.equal((await milestones()).length, 0, 'nothing written');

    assert.equal((await aEditor.post(url, { ...form, service: 'PAY-GATEWAY' })).statusCode, 303);
    const [m] = await milestones();
    assert.deepEqual([m.auto_service_id, m.actual_date, m.evidence_json], [ids.gateway, null, null]);
    const page = await aEditor.get(`/en/console/plans/initiatives/${ids.initiative}`);
    assert.match(page.body, /Done when <a href="\/en\/services\/pay-gateway">Renew a passport<\/a> is live in the catalog/);
  });

  it('does not complete while the service is planned, in beta or published unchanged in beta', async () => {
    await publish('pay-gateway', 'planned', '2026-02-01T08:00:00.000Z');
    await publish('pay-gateway', 'beta', '2026-02-10T08:00:00.000Z');
    await publish('pay-gateway', 'beta', '2026-02-20T08:00:00.000Z');
    const [m] = await milestones();
    assert.equal(m.actual_date, null);
    assert.equal(m.evidence_json, null);
    assert.equal((await audits('plan.milestone.auto_complete')).length, 0);
  });

  it('completes when the catalog publishes the service live: on the Riyadh day of the publication, with evidence, audited and in the history', async () => {
    // 22:30 UTC on 10 March is already 11 March in Riyadh.
    await publish('pay-gateway', 'live', '2026-03-10T22:30:00.000Z');
    const [m] = await milestones();
    assert.equal(m.actual_date, '2026-03-11');
    assert.deepEqual(JSON.parse(m.evidence_json ?? 'null'), {
      source: 'catalog',
      service_id: ids.gateway,
      identifier: 'pay-gateway',
      version: 4,
      published_at: '2026-03-10T22:30:00.000Z',
    });
    const [audit] = await audits('plan.milestone.auto_complete');
    assert.equal(audit.record_id, String(m.id));
    assert.equal(audit.agency_id, ids.a);
    assert.equal(audit.actor_label, 'catalog');
    assert.equal(JSON.parse(audit.after_json ?? '{}').actual_date, '2026-03-11');
    const initiative = await db().selectFrom('plan_initiatives').selectAll().where('id', '=', ids.initiative).executeTakeFirstOrThrow();
    assert.deepEqual([initiative.actual_start, initiative.actual_end], ['2026-03-11', '2026-03-11'], 'its only milestone is done');
    const events = await db().selectFrom('plan_events').select('action').where('initiative_id', '=', ids.initiative).execute();
    assert.ok(events.some((e) => e.action === 'milestone.auto_completed'));

    const en = await office.get(`/en/console/plans/initiatives/${ids.initiative}`);
    assert.match(en.body, /The catalog published <a href="\/en\/services\/pay-gateway">Renew a passport<\/a> live \(version 4\) on <time/);
    assert.match(en.body, /A milestone was completed by the catalog/);
    const ar = await office.get(`/ar/console/plans/initiatives/${ids.initiative}`);
    assert.match(ar.body, /نشر الدليل <a href="\/ar\/services\/pay-gateway">تجديد جواز السفر<\/a> متاحةً \(الإصدار ٤\) في <time/);
  });

  it('a later or redelivered publication changes nothing; its tie cannot change; a report cannot undo it', async () => {
    await publish('pay-gateway', 'suspended', '2026-03-20T08:00:00.000Z');
    await publish('pay-gateway', 'live', '2026-04-02T08:00:00.000Z');
    const [m] = await milestones();
    assert.equal(m.actual_date, '2026-03-11');
    assert.equal(JSON.parse(m.evidence_json ?? '{}').version, 4);
    assert.equal((await audits('plan.milestone.auto_complete')).length, 1);

    const retie = await aEditor.post(`/en/console/plans/milestones/${m.id}/edit`, { ...form, service: 'alpha-portal' });
    assert.equal(retie.statusCode, 400);
    assert.match(retie.body, /f-service/);
    assert.match(retie.body, /its service stays as the evidence/);
    assert.equal(
      (await aEditor.post(`/en/console/plans/milestones/${m.id}/edit`, { ...form, service: 'pay-gateway', weight: '5' })).statusCode,
      303,
    );
    assert.equal((await milestones())[0].weight, 5);

    // A report that says nothing of the milestone's actual date is accepted: the catalog's completion stands.
    const sys = systemCtx('test');
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'approved' });
    await setPlanStatus(t.deps, sys, ids.plan, { status: 'active' });
    const report = await saveReport(t.deps, sys, ids.initiative, ids.period, { [`ms_${m.id}_forecast`]: '2026-03-31' });
    await submitReport(t.deps, sys, report.id);
    await acceptReport(t.deps, sys, report.id, {});
    const [done] = await milestones();
    assert.deepEqual([done.actual_date, done.forecast_date], ['2026-03-11', '2026-03-31']);
  });

  it('a milestone tied to a service that is live already is done as it is tied', async () => {
    const url = `/en/console/plans/initiatives/${ids.initiative}/milestones`;
    assert.equal((await aEditor.post(url, { ...form, name_en: 'Portal live', service: 'alpha-portal' })).statusCode, 303);
    const portal = (await milestones()).find((m) => m.auto_service_id === ids.portal);
    assert.ok(portal?.actual_date, 'completed at once');
    assert.equal(JSON.parse(portal.evidence_json ?? '{}').identifier, 'alpha-portal');
    assert.equal((await audits('plan.milestone.auto_complete')).length, 2);
  });

  it('a milestone with no service is completed only by reports', async () => {
    const url = `/en/console/plans/initiatives/${ids.initiative}/milestones`;
    assert.equal((await aEditor.post(url, { ...form, name_en: 'Training done', service: '' })).statusCode, 303);
    await publish('alpha-portal', 'live', '2026-04-05T08:00:00.000Z');
    const plain = (await milestones()).find((m) => m.name_en === 'Training done');
    assert.deepEqual([plain?.auto_service_id, plain?.actual_date], [null, null]);
  });
});
