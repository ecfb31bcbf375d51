import { slot } from '../../platform/app-state.ts';
import type { Actor, Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { loadPanels, type ReportFilter, type ReportPanel } from './reports.panels.ts';

/**
 * A cache of the panels' figures, per app (deps.state), keyed by the filter and by what the viewer
 * may read (their roles and agencies: two viewers with the same access share an entry, two with
 * different access never do). An entry is used while both hold:
 * - the data version is the one it was built at: the audit trail's head, which every change to
 *   Yusr's records moves in the change's own transaction, so an audited change is seen at once;
 * - it is younger than PANEL_CACHE_TTL_MS, which bounds how long an unaudited change (an anonymous
 *   rating, a probe's result) can go unseen.
 * Concurrent requests for one key share one load; a failed load is not kept.
 */
export const PANEL_CACHE_TTL_MS = 60_000;
/** Entries kept at most (the oldest goes first). */
export const PANEL_CACHE_ENTRIES = 500;

type Panels = (ReportPanel & { module: string })[];
interface Entry {
  at: number;
  version: number;
  panels: Promise<Panels>;
}

const cacheSlot = slot<Map<string, Entry>>('reports.panel_cache');

/** What decides which figures and links a viewer gets: their kind, roles and agencies (never who they are). */
function accessKey(a: Actor): string {
  switch (a.kind) {
    case 'user':
      return `user:${a.memberships
        .map((m) => `${m.role}@${m.agencyId ?? ''}`)
        .sort()
        .join(',')}`;
    case 'token':
      return `token:${a.agencyId}:${[...a.scopes].sort().join(',')}`;
    default:
      return a.kind;
  }
}

/** The data version: the audit trail's head (moved by every audited change). */
async function dataVersion(deps: Deps): Promise<number> {
  const head = await deps.db.selectFrom('audit_head').select('seq').where('id', '=', 1).executeTakeFirst();
  return Number(head?.seq ?? 0);
}

/** Every installed module's panel for a filter, as `loadPanels` gives them, from the cache when it is current. */
export async function cachedPanels(deps: Deps, filter: ReportFilter, ctx: Ctx, now = Date.now()): Promise<Panels> {
  const cache = deps.state.get(cacheSlot, () => new Map<string, Entry>());
  const key = JSON.stringify([
    accessKey(ctx.actor),
    filter.from,
    filter.to,
    filter.agencyId ?? null,
    filter.trackId ?? null,
    !!filter.open,
  ]);
  const version = await dataVersion(deps);
  const hit = cache.get(key);
  if (hit && hit.version === version && now - hit.at < PANEL_CACHE_TTL_MS) return hit.panels;
  const panels = loadPanels(deps, filter, ctx);
  cache.delete(key);
  cache.set(key, { at: now, version, panels });
  panels.catch(() => {
    if (cache.get(key)?.panels === panels) cache.delete(key);
  });
  while (cache.size > PANEL_CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  return panels;
}
