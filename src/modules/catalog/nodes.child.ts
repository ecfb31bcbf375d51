// One web node in its own process, for src/modules/catalog/nodes-processes.test.ts: the whole
// application on a shared database, with its clock shifted by CLOCK_OFFSET_MS. The parent sends
// commands over IPC: publish some drafts (several at once), list what this node's search finds.
import pino from 'pino';
import { buildApp, createDeps } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { catalogSearch } from './catalog.search.ts';
import { publish } from './catalog.service.ts';

const offset = Number(process.env.CLOCK_OFFSET_MS ?? 0);
if (offset) {
  const RealDate = Date;
  // Every `new Date()` and `Date.now()` of this process runs `offset` ms ahead (or behind).
  class SkewedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + offset);
      else super(...(args as [string | number]));
    }
    static override now(): number {
      return RealDate.now() + offset;
    }
  }
  globalThis.Date = SkewedDate as DateConstructor;
}

type Command = { cmd: 'publish'; ids: number[]; lanes: number } | { cmd: 'list' } | { cmd: 'exit' };

const deps = await createDeps(loadConfig(process.env), { log: pino({ level: 'silent' }), migrate: false });
const app = await buildApp(deps);
await app.ready();
const search = catalogSearch(deps);
await search.start();
const send = (m: unknown) => process.send?.(m);

process.on('message', async (m: Command) => {
  try {
    if (m.cmd === 'publish') {
      const queue = [...m.ids];
      const lane = async () => {
        for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
          await publish(deps, systemCtx('node'), id);
          await search.search(''); // visitors keep searching meanwhile
        }
      };
      await Promise.all(Array.from({ length: m.lanes }, lane));
      send({ ok: true });
    } else if (m.cmd === 'list') {
      await search.sync();
      const r = await search.search('', { limit: 100_000 });
      send({ ok: true, identifiers: r.hits.map((h) => h.card.identifier), now: new Date().toISOString() });
    } else {
      await app.close();
      await deps.close();
      send({ ok: true });
      process.disconnect();
    }
  } catch (e) {
    send({ ok: false, error: String((e as Error).stack ?? e) });
  }
});
send({ ok: true, ready: true });
