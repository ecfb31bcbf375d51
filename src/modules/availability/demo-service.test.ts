import assert from 'node:assert/strict';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { loadDemo } from '../../demo/demo.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { demoPathUp, demoServicePort, startDemoService } from './demo-service.ts';
import { runDueProbes, setProbePolicy } from './testing.ts';

// The demo's local fake service: probes watch it live instead of a government site, through the one
// origin the probe policy allows on loopback; the down path keeps its incident open, the flapping
// one fails a minute in four (never twice in a row), the others answer.

describe("availability: the demo's fake service", () => {
  it('answers up, flapping one minute in four, and down, by path', () => {
    const minute = (n: number) => n * 60_000 + 5_000;
    assert.equal(demoPathUp('/up/moi-passport', minute(0)), true);
    assert.equal(demoPathUp('/down/moi-passport', minute(1)), false);
    assert.deepEqual(
      [0, 1, 2, 3, 4, 5, 6, 7].map((m) => demoPathUp('/flapping/x', minute(m))),
      [false, true, true, true, false, true, true, true],
      'never two failures in a row at one probe a minute',
    );
    assert.equal(demoPathUp('/admin', minute(0)), null);
  });

  describe('with the demo loaded', () => {
    let t: TestApp;
    let server: Server;
    before(async () => {
      server = await startDemoService(0);
      t = await testApp({ DEMO_SERVICE_PORT: String(demoServicePort(server)) });
      await loadDemo(t.deps, systemCtx('demo'), { services: 400, volume: 0.1 });
    });
    after(async () => {
      server.closeAllConnections();
      server.close();
      await t.close();
    });

    it('points the demo probes at the fake service, live, and their runs record what it answers', async () => {
      const origin = `http://127.0.0.1:${demoServicePort(server)}`;
      const probes = await t.deps.db.selectFrom('availability_probes').selectAll().orderBy('id').execute();
      assert.equal(probes.length, 6);
      assert.ok(probes.every((p) => p.paused === 0 && p.interval_seconds === 60 && p.url.startsWith(`${origin}/`)));
      assert.deepEqual(
        probes.map((p) => p.url.split('/')[3]),
        ['down', 'flapping', 'up', 'up', 'up', 'up'],
      );
      setProbePolicy(t.deps, { hostGapMs: 0 });
      const before = await t.deps.db.selectFrom('availability_results').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
      await runDueProbes(t.deps, new Date(Date.now() + 120_000));
      const runs = await t.deps.db
        .selectFrom('availability_results')
        .select(['probe_id', 'ok', 'status_code', 'error'])
        .where('id', '>', before.id)
        .orderBy('probe_id')
        .execute();
      const of = (i: number) => runs.find((r) => r.probe_id === probes[i]?.id);
      assert.deepEqual([of(0)?.ok, of(0)?.status_code], [0, 503], 'the down path');
      for (const i of [2, 3, 4, 5]) assert.deepEqual([of(i)?.ok, of(i)?.status_code, of(i)?.error], [1, 200, null]);
      const open = await t.deps.db
        .selectFrom('availability_incidents')
        .select('probe_id')
        .where('status', '=', 'open')
        .orderBy('probe_id')
        .execute();
      assert.deepEqual(
        open.map((o) => o.probe_id),
        [probes[0]?.id],
        'the down service keeps its incident; nothing else opened one',
      );
    });
  });
});
