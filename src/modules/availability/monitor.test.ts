import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { buildService } from '../../../test/helpers/catalog.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { publishNow } from '../notify/testing.ts';
import { uptimeBetween } from './public.ts';
import { createProbe, pruneRaw, runDueProbes, setPaused, setProbePolicy } from './testing.ts';

// The monitor end to end against a real HTTP server on 127.0.0.1 that goes up and down: scheduling
// (due runs only, paused probes never, one probe per host at a time), flapping damped (an incident
// opens only after three failed runs in a row), the incident's email to the agency and its drafted
// bilingual outage announcement in notify, recovery closing it with its duration, roll-ups, planned
// downtime counted apart, and raw results pruned while roll-ups stay. Time is passed in, never waited for.

describe('availability monitor: scheduling, damping, incidents', () => {
  let t: TestApp;
  let server: Server;
  let port = 0;
  let up = true;
  const ids = { agency: 0, service: 0, probe: 0, other: 0 };
  const t0 = Date.now() + 60_000;
  const at = (minutes: number) => new Date(t0 + minutes * 60_000);
  const probe = () => t.deps.db.selectFrom('availability_probes').selectAll().where('id', '=', ids.probe).executeTakeFirstOrThrow();
  const incidents = () =>
    t.deps.db.selectFrom('availability_incidents').selectAll().where('probe_id', '=', ids.probe).orderBy('id').execute();

  before(async () => {
    server = createServer((_req, res) => (up ? res.writeHead(200).end('ok') : res.writeHead(503).end('down')));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
    t = await testApp();
    setProbePolicy(t.deps, { allowAddresses: ['127.0.0.1'], hostGapMs: 0, resolve: async () => [{ address: '127.0.0.1', family: 4 }] });
    const agency = await buildAgency(t.deps, {
      code: 'passports',
      name_en: 'Passports',
      name_ar: 'الجوازات',
      website: 'https://agency.test',
    });
    ids.agency = agency.id;
    await buildUser(t.deps, { role: 'agency_admin', agencyId: agency.id, email: 'admin@agency.test', locale: 'ar', name: 'مدير' });
    await buildUser(t.deps, { role: 'agency_editor', agencyId: agency.id, email: 'editor@agency.test', locale: 'en' });
    const other = await buildAgency(t.deps, { code: 'other' });
    await buildUser(t.deps, { role: 'agency_admin', agencyId: other.id, email: 'admin@other.test' });
    const service = await buildService(t.deps, agency.id, {
      identifier: 'renew-passport',
      data: { channels: [{ type: 'web', url: `http://agency.test:${port}/health`, availability: '24/7' }] },
    });
    ids.service = service.id;
    ids.probe = (await createProbe(t.deps, systemCtx('test'), { service_id: String(service.id), interval_seconds: '60' })).id;
  });
  after(async () => {
    await t.close();
    server.closeAllConnections();
    server.close();
  });

  it("probes the service's web channel when due, and only when due", async () => {
    const p = await probe();
    assert.equal(p.url, `http://agency.test:${port}/health`);
    assert.equal(p.channel, 'web');
    assert.equal(await runDueProbes(t.deps, at(0)), 1);
    assert.equal(await runDueProbes(t.deps, at(0.5)), 0, 'not due again before its interval');
    assert.equal((await probe()).last_ok, 1);
  });

  it('damps flapping: two failed runs then a good one open nothing', async () => {
    up = false;
    await runDueProbes(t.deps, at(1));
    await runDueProbes(t.deps, at(2));
    assert.equal((await probe()).fail_streak, 2);
    up = true;
    await runDueProbes(t.deps, at(3));
    assert.equal((await probe()).fail_streak, 0);
    assert.equal((await incidents()).length, 0);
  });

  it('opens an incident after three failed runs: emails the agency and drafts the announcement in both languages', async () => {
    up = false;
    await runDueProbes(t.deps, at(4));
    await runDueProbes(t.deps, at(5));
    assert.equal((await incidents()).length, 0);
    await runDueProbes(t.deps, at(6));
    const [incident] = await incidents();
    assert.ok(incident);
    assert.equal(incident.status, 'open');
    assert.equal(incident.started_at, at(4).toISOString(), 'the outage began with the first failure of the run');
    assert.equal(incident.detected_at, at(6).toISOString());
    assert.equal(incident.last_error, 'status');
    const draft = await t.deps.db
      .selectFrom('notify_announcements')
      .selectAll()
      .where('id', '=', incident.announcement_id as number)
      .executeTakeFirstOrThrow();
    assert.equal(draft.kind, 'outage');
    assert.equal(draft.status, 'draft', 'drafted for the agency to approve, not sent');
    assert.equal(draft.agency_id, ids.agency);
    assert.match(draft.title_ar, /تجديد جواز السفر/);
    assert.match(draft.title_en, /Renew a passport/);
    assert.equal(draft.starts_at, at(4).toISOString());
    const mail = await t.deps.db.selectFrom('messages').selectAll().where('source', '=', 'availability').orderBy('to_address').execute();
    assert.deepEqual(
      mail.map((m) => [m.to_address, m.locale]),
      [
        ['admin@agency.test', 'ar'],
        ['editor@agency.test', 'en'],
      ],
      "only the agency's own staff, each in their language",
    );
    assert.match(mail[0]?.subject ?? '', /انقطاع/);
    assert.match(mail[1]?.text_body ?? '', /\/en\/console\/availability\/incidents\//);
    const events = await t.deps.db
      .selectFrom('availability_incident_events')
      .select('kind')
      .where('incident_id', '=', incident.id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((e) => e.kind),
      ['opened', 'drafted', 'notified'],
    );
    const audit = await t.deps.db.selectFrom('audit_log').select('action').where('action', '=', 'availability.incident.open').execute();
    assert.equal(audit.length, 1);
    await runDueProbes(t.deps, at(7));
    assert.equal((await incidents()).length, 1, 'further failures keep the one incident');
  });

  it('closes the incident by itself after two good runs, with its duration', async () => {
    up = true;
    await runDueProbes(t.deps, at(8));
    assert.equal((await incidents())[0]?.status, 'open', 'one good run is not a recovery yet');
    await runDueProbes(t.deps, at(9));
    const [incident] = await incidents();
    assert.equal(incident?.status, 'closed');
    assert.equal(incident?.ended_at, at(8).toISOString());
    assert.equal(incident?.duration_seconds, 4 * 60);
    const restored = await t.deps.db
      .selectFrom('notify_announcements')
      .selectAll()
      .where('id', '=', incident?.restored_announcement_id as number)
      .executeTakeFirstOrThrow();
    assert.equal(restored.kind, 'outage');
    assert.equal(restored.status, 'draft', '"service restored" drafted for the agency to approve, not sent');
    assert.equal(restored.origin, 'auto');
    assert.match(restored.title_ar, /عادت خدمة تجديد جواز السفر/);
    assert.match(restored.title_en, /Renew a passport is working again/);
    assert.equal(restored.starts_at, at(4).toISOString());
    assert.equal(restored.ends_at, at(8).toISOString());
    assert.notEqual(restored.id, incident?.announcement_id);
    const events = await t.deps.db
      .selectFrom('availability_incident_events')
      .select('kind')
      .where('incident_id', '=', incident?.id as number)
      .execute();
    assert.equal(events.at(-1)?.kind, 'restored_drafted');
  });

  it('rolls results up per hour and day, and computes the uptime of the service, agency and nation', async () => {
    const hours = await t.deps.db.selectFrom('availability_rollups').selectAll().where('period', '=', 'hour').execute();
    const days = await t.deps.db.selectFrom('availability_rollups').selectAll().where('period', '=', 'day').execute();
    const sum = (rows: typeof hours) => rows.reduce((a, r) => ({ up: a.up + r.up, down: a.down + r.down }), { up: 0, down: 0 });
    // Runs at minutes 0–9: up at 0, 3, 8, 9; down at 1, 2, 4, 5, 6, 7.
    assert.deepEqual(sum(hours), { up: 4, down: 6 });
    assert.deepEqual(sum(days), { up: 4, down: 6 });
    const period = { from: at(-60).toISOString(), to: at(60).toISOString() };
    for (const scope of [{ serviceId: ids.service }, { agencyId: ids.agency }, {}]) {
      const u = await uptimeBetween(t.deps, { ...period, ...scope });
      assert.equal(u.uptime, 0.4);
      assert.equal(u.checks, 10);
    }
    assert.equal((await uptimeBetween(t.deps, { ...period, agencyId: ids.agency + 1000 })).uptime, null);
  });

  it('counts failures inside announced planned downtime apart, and opens no incident for them', async () => {
    await publishNow(t, {
      agency_id: ids.agency,
      kind: 'downtime',
      service_ids: [ids.service],
      starts_at: at(10).toISOString(),
      ends_at: at(20).toISOString(),
    });
    up = false;
    for (const m of [10, 11, 12, 13]) await runDueProbes(t.deps, at(m));
    assert.equal((await incidents()).length, 1, 'still only the earlier, closed incident');
    const u = await uptimeBetween(t.deps, { from: at(-60).toISOString(), to: at(60).toISOString(), serviceId: ids.service });
    assert.equal(u.planned, 4);
    assert.equal(u.uptime, 0.4, 'planned downtime lowers nothing');
    // Over a week the whole days come from the daily roll-ups and the edges from the hourly ones: the same answer.
    const week = await uptimeBetween(t.deps, {
      from: at(-3 * 24 * 60 - 7).toISOString(),
      to: at(3 * 24 * 60 + 11).toISOString(),
      agencyId: ids.agency,
    });
    assert.deepEqual(week, u);
    up = true;
  });

  it('never runs a paused probe; probes one host at a time within the polite gap', async () => {
    await setPaused(t.deps, systemCtx('test'), ids.probe, true);
    assert.equal(await runDueProbes(t.deps, at(30)), 0);
    await setPaused(t.deps, systemCtx('test'), ids.probe, false);
    const second = await createProbe(t.deps, systemCtx('test'), {
      service_id: String(ids.service),
      url: `http://agency.test:${port}/other`,
      interval_seconds: '60',
    });
    assert.equal(second.channel, 'health');
    setProbePolicy(t.deps, { hostGapMs: 30_000 });
    assert.equal(await runDueProbes(t.deps, at(40)), 1, 'the second probe of the same host waits');
    assert.equal(await runDueProbes(t.deps, at(40.2)), 0);
    assert.equal(await runDueProbes(t.deps, at(40.6)), 1, 'its turn comes once the gap has passed');
    setProbePolicy(t.deps, { hostGapMs: 0 });
  });

  it('prunes raw results after the retention period and keeps the roll-ups', async () => {
    const before = await t.deps.db.selectFrom('availability_rollups').selectAll().execute();
    assert.equal((await pruneRaw(t.deps, at(60 * 24 * 15))) > 0, true);
    assert.equal((await t.deps.db.selectFrom('availability_results').select('id').execute()).length, 0);
    assert.deepEqual(await t.deps.db.selectFrom('availability_rollups').selectAll().execute(), before);
  });
});
