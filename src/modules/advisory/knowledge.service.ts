import { slot } from '../../platform/app-state.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { SearchIndex } from '../../platform/search/index.ts';
import { advisoryPolicy } from './advisory.policy.ts';
import type { RequestType, Severity } from './advisory.tables.ts';

// The knowledge base: past findings and recommendations (of delivered and closed requests),
// searched with the platform's Arabic-aware analyzer (normalisation, light stemming, prefixes and
// one-typo matches), by the office and the advisory team. A request the office marked anonymised
// names no agency to advisors; the office always sees who it was.

export interface KnowledgeHit {
  id: number;
  requestId: number;
  type: RequestType;
  severity: Severity;
  title: string;
  recommendation: string;
  reference: string;
  response: string | null;
  /** Null when the agency is anonymised for this reader. */
  agencyId: number | null;
  deliveredAt: string | null;
}

interface Doc {
  title: string;
  recommendation: string;
  reference: string;
  requestTitle: string;
  facets: { severity: string[] };
}

/** The knowledge base's search index and the state of the rows it was built from. */
interface Built {
  key: string;
  index: SearchIndex<Doc>;
}
const indexSlot = slot<{ built?: Built }>('advisory.knowledge');
const DONE = ['delivered', 'closed'] as const;

const searchable = (deps: Deps) =>
  deps.db.selectFrom('advisory_findings as f').innerJoin('advisory_requests as r', 'r.id', 'f.request_id').where('r.status', 'in', DONE);

/**
 * What the index depends on, in one aggregate the request and finding indexes answer: how many
 * findings are searchable and the newest of them, and the latest change to their requests (a
 * request's title and its delivery move `updated_at`). Findings are never edited once recorded, so
 * equal keys mean the same documents.
 */
async function indexKey(deps: Deps): Promise<string> {
  const r = await searchable(deps)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('f.id').as('last'), eb.fn.max('r.updated_at').as('changed')])
    .executeTakeFirstOrThrow();
  return [r.n, r.last, r.changed].map((x) => String(x ?? '')).join('|');
}

/**
 * The index of every delivered finding: built once and kept on the app while the key holds, built
 * again from the database when it moves (so a search never answers from stale rows, and each
 * process checks for itself: nothing is shared between them).
 */
async function knowledgeIndex(deps: Deps): Promise<SearchIndex<Doc>> {
  const holder = deps.state.get(indexSlot, (): { built?: Built } => ({}));
  const key = await indexKey(deps);
  if (holder.built?.key === key) return holder.built.index;
  const index = new SearchIndex<Doc>({
    fields: [
      { name: 'title', weight: 5 },
      { name: 'recommendation', weight: 2 },
      { name: 'requestTitle', weight: 1 },
      { name: 'reference', weight: 1 },
    ],
  });
  const rows = await searchable(deps)
    .select(['f.id', 'f.severity', 'f.title', 'f.recommendation', 'f.reference', 'r.title as request_title'])
    .execute();
  for (const r of rows)
    index.add(String(r.id), {
      title: r.title,
      recommendation: r.recommendation,
      reference: r.reference,
      requestTitle: r.request_title,
      facets: { severity: [r.severity] },
    });
  // The key read before the rows: a change in between only makes the next search build again.
  holder.built = { key, index };
  return index;
}

/**
 * Findings matching the query (all of them, newest first, when it is empty), optionally of one
 * severity: how many, and the first `limit` with what the page shows, read from the database.
 */
export async function searchKnowledge(deps: Deps, ctx: Ctx, q: string, severity?: Severity, limit = 50) {
  const office = advisoryPolicy.office(ctx.actor);
  authorize(office || advisoryPolicy.advisor(ctx.actor));
  let total: number;
  let ids: number[];
  if (q.trim() === '') {
    const bySeverity = severity ? searchable(deps).where('f.severity', '=', severity) : searchable(deps);
    total = Number((await bySeverity.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    ids = (await bySeverity.select('f.id').orderBy('f.id', 'desc').limit(limit).execute()).map((r) => r.id);
  } else {
    const found = (await knowledgeIndex(deps)).search(q, {
      limit: 10_000,
      prefix: false,
      facets: [],
      ...(severity ? { filters: { severity: [severity] } } : {}),
    });
    total = found.hits.length;
    ids = found.hits.slice(0, limit).map((h) => Number(h.id));
  }
  const rows = ids.length
    ? await searchable(deps)
        .select([
          'f.id',
          'f.request_id',
          'f.severity',
          'f.title',
          'f.recommendation',
          'f.reference',
          'f.response',
          'r.type',
          'r.agency_id',
          'r.anonymised',
          'r.delivered_at',
        ])
        .where('f.id', 'in', ids)
        .execute()
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const hits: KnowledgeHit[] = ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    return [
      {
        id: r.id,
        requestId: r.request_id,
        type: r.type,
        severity: r.severity,
        title: r.title,
        recommendation: r.recommendation,
        reference: r.reference,
        response: r.response,
        agencyId: r.anonymised && !office ? null : r.agency_id,
        deliveredAt: r.delivered_at,
      },
    ];
  });
  return { total, hits };
}
