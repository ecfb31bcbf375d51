import { type DemoService, generateDemoServices, mulberry32 } from '../../demo/catalog.generate.ts';
import { catalogTerms } from '../../demo/catalog.terms.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { agencyNames } from '../identity/public.ts';
import * as repo from './catalog.repo.ts';
import { serviceData } from './catalog.schema.ts';
import { createInTransaction, publishInTransaction } from './catalog.service.ts';

const DAY = 86_400_000;

/**
 * The demo catalog: taxonomies and about 1,000 bilingual services with a believable history
 * (launched over the last two years, some through a beta first). `services` above the generated
 * count repeats the set under new identifiers (benchmarks use 10,000). Skips what exists.
 */
export async function loadCatalogDemo(deps: Deps, ctx: Ctx, opts: { services?: number } = {}): Promise<number> {
  for (const t of catalogTerms) await repo.upsertTerm(deps.db, t);
  const agencies = new Map((await agencyNames(deps.db)).map((a) => [a.code, a.id]));
  const base = generateDemoServices();
  const wanted = opts.services ?? base.length;
  const all: DemoService[] = [];
  for (let i = 0; all.length < wanted; i++) {
    const s = base[i % base.length];
    const round = Math.floor(i / base.length);
    all.push(round === 0 ? s : { ...s, identifier: `${s.identifier}-${round + 1}` });
  }
  const existing = new Set((await deps.db.selectFrom('services').select('identifier').execute()).map((r) => r.identifier));
  const random = mulberry32(1448);
  const now = Date.now();
  let created = 0;
  for (let start = 0; start < all.length; start += 200) {
    await deps.db.transaction().execute(async (trx) => {
      for (const s of all.slice(start, start + 200)) {
        const agencyId = agencies.get(s.agency);
        if (!agencyId || existing.has(s.identifier)) continue;
        const data = serviceData.parse(s.data);
        const launched = now - Math.floor(random() * 730) * DAY - Math.floor(random() * DAY);
        const row = await createInTransaction(trx, ctx, { identifier: s.identifier, agency_id: agencyId, data });
        // Some live services went through a public beta first; their launch is the later date.
        if (data.status === 'live' && random() < 0.3) {
          const beta = await publishInTransaction(trx, deps, ctx, row, { ...data, status: 'beta' }, undefined, {
            at: new Date(launched - 60 * DAY).toISOString(),
            emitEvent: false,
          });
          await publishInTransaction(trx, deps, ctx, beta, data, undefined, { at: new Date(launched).toISOString(), emitEvent: false });
        } else {
          await publishInTransaction(trx, deps, ctx, row, data, undefined, { at: new Date(launched).toISOString(), emitEvent: false });
        }
        created++;
      }
    });
  }
  return created;
}
