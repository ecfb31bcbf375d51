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

/**
 * Findings matching the query (all of them, newest first, when it is empty), optionally of one
 * severity. The index is built from the database for each search, so it is never stale and never
 * shared between processes; it costs one pass over the delivered findings.
 */
export async function searchKnowledge(deps: Deps, ctx: Ctx, q: string, severity?: Severity, limit = 50) {
  const office = advisoryPolicy.office(ctx.actor);
  authorize(office || advisoryPolicy.advisor(ctx.actor));
  const rows = await deps.db
    .selectFrom('advisory_findings as f')
    .innerJoin('advisory_requests as r', 'r.id', 'f.request_id')
    .select([
      'f.id',
      'f.request_id',
      'f.severity',
      'f.title',
      'f.recommendation',
      'f.reference',
      'f.response',
      'r.type',
      'r.title as request_title',
      'r.agency_id',
      'r.anonymised',
      'r.delivered_at',
    ])
    .where('r.status', 'in', ['delivered', 'closed'])
    .orderBy('f.id', 'desc')
    .execute();
  const byId = new Map(rows.map((r) => [String(r.id), r]));
  let ids: string[];
  if (q.trim() === '') {
    ids = rows.filter((r) => !severity || r.severity === severity).map((r) => String(r.id));
  } else {
    const index = new SearchIndex<Doc>({
      fields: [
        { name: 'title', weight: 5 },
        { name: 'recommendation', weight: 2 },
        { name: 'requestTitle', weight: 1 },
        { name: 'reference', weight: 1 },
      ],
    });
    for (const r of rows)
      index.add(String(r.id), {
        title: r.title,
        recommendation: r.recommendation,
        reference: r.reference,
        requestTitle: r.request_title,
        facets: { severity: [r.severity] },
      });
    ids = index
      .search(q, { limit: 10_000, prefix: false, ...(severity ? { filters: { severity: [severity] } } : {}) })
      .hits.map((h) => h.id);
  }
  const hits: KnowledgeHit[] = ids.map((id) => {
    const r = byId.get(id) as (typeof rows)[number];
    return {
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
    };
  });
  return { total: hits.length, hits: hits.slice(0, limit) };
}
