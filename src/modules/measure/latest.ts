import type { Deps } from '../../platform/deps.ts';
import { loadFramework } from './frameworks.service.ts';

/** One agency's score in the last round published to agencies, as other modules may freeze or check it. */
export interface PublishedScore {
  round: { code: string; name_ar: string; name_en: string; published_at: string };
  score: number | null;
  /** The score as shown (rounded to the framework's decimals), and its scale's maximum. */
  display: number | null;
  scale_max: number;
  rank: number | null;
  /** The stage reached, with its position among the framework's stages (0 = the lowest) and how many there are. */
  stage: { key: string; name_ar: string; name_en: string; position: number; of: number } | null;
  /** Every stage of the round's framework, lowest first (to compare a required stage by position). */
  stages: { key: string; name_ar: string; name_en: string }[];
}

/**
 * The agency's result in the latest published round that scored it (by publication time), or null
 * when no published round did. Reads the frozen results: what the agency was shown.
 */
export async function latestPublishedScore(deps: Deps, agencyId: number): Promise<PublishedScore | null> {
  const row = await deps.db
    .selectFrom('measure_results as r')
    .innerJoin('measure_rounds as o', 'o.id', 'r.round_id')
    .select(['r.score', 'r.display', 'r.rank', 'r.stage_key', 'o.code', 'o.name_ar', 'o.name_en', 'o.published_at', 'o.framework_id'])
    .where('r.agency_id', '=', agencyId)
    .where('o.status', '=', 'published')
    .where('o.published_at', 'is not', null)
    .orderBy('o.published_at', 'desc')
    .orderBy('o.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const { framework } = await loadFramework(deps, row.framework_id);
  const stages = framework.settings.stages.map((s) => ({ key: s.key, name_ar: s.name_ar, name_en: s.name_en }));
  const position = row.stage_key ? stages.findIndex((s) => s.key === row.stage_key) : -1;
  return {
    round: { code: row.code, name_ar: row.name_ar, name_en: row.name_en, published_at: row.published_at as string },
    score: row.score,
    display: row.display,
    scale_max: framework.settings.scale_max,
    rank: row.rank,
    stage: position >= 0 ? { ...stages[position], position, of: stages.length } : null,
    stages,
  };
}
