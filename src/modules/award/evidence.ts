import type { Deps } from '../../platform/deps.ts';
import { findService, getPublished } from '../catalog/public.ts';
import { complaintVolume, csat } from '../feedback/public.ts';
import { findAgency } from '../identity/public.ts';
import { latestPublishedScore } from '../measure/public.ts';
import { onTrackShare } from '../plan/public.ts';

/** The CX figures cover the year before submission. */
const CX_DAYS = 365;

/**
 * What Yusr held about a nomination when it was submitted, frozen into the nomination so judges see
 * what was true at the deadline, not what changed after: the agency, the nominated service's
 * published catalog record (version, status, maturity, channels, fees), the service's CX figures over
 * the year before submission (ratings, CSAT, complaints, from feedback's metric functions), the
 * agency's score and stage in its latest published measurement round, and its plan initiatives on
 * track. An individual's nomination has no agency, so none of these. Evidence frozen before a field
 * existed simply lacks it (older nominations show what they froze).
 */
export interface Evidence {
  frozen_at: string;
  agency: { id: number; code: string; name_ar: string; name_en: string; kind: string } | null;
  service: null | {
    identifier: string;
    name_ar: string;
    name_en: string;
    status: string;
    maturity: string;
    published_version: number;
    published_at: string | null;
    complete: boolean;
    channels: number;
    fees: number;
  };
  /** The nominated service's customer experience over [from, to). */
  cx?: null | {
    from: string;
    to: string;
    ratings: number;
    csat_responses: number;
    csat: number | null;
    complaints: number;
    complaints_per_1000: number | null;
  };
  /** The agency's result in its latest published measurement round (null when none scored it). */
  measure?: null | {
    round_code: string;
    round_name_ar: string;
    round_name_en: string;
    published_at: string;
    display: number | null;
    scale_max: number;
    rank: number | null;
    stage: { key: string; name_ar: string; name_en: string; position: number; of: number } | null;
    /** The round's stage keys, lowest first (to place a required stage among them). */
    stage_keys?: string[];
  };
  plan: { on_track: number; total: number; share: number | null } | null;
}

export async function freezeEvidence(deps: Deps, agencyId: number | null, serviceId: number | null, at: Date): Promise<Evidence> {
  if (agencyId === null) return { frozen_at: at.toISOString(), agency: null, service: null, cx: null, measure: null, plan: null };
  const agency = await findAgency(deps.db, agencyId);
  if (!agency) throw new Error(`agency ${agencyId} is gone`);
  let service: Evidence['service'] = null;
  if (serviceId !== null) {
    const row = await findService(deps.db, serviceId);
    if (row?.published_json) {
      const { data } = await getPublished(deps, row.identifier);
      service = {
        identifier: row.identifier,
        name_ar: row.name_ar,
        name_en: row.name_en,
        status: row.status,
        maturity: row.maturity,
        published_version: row.published_version,
        published_at: row.published_at,
        complete: Boolean(row.complete),
        channels: Array.isArray(data.channels) ? data.channels.length : 0,
        fees: Array.isArray(data.fees) ? data.fees.length : 0,
      };
    }
  }
  let cx: Evidence['cx'] = null;
  if (serviceId !== null) {
    const period = { serviceId, from: new Date(at.getTime() - CX_DAYS * 86_400_000).toISOString(), to: at.toISOString() };
    const [share, complaints] = [await csat(deps, period), await complaintVolume(deps, period)];
    cx = {
      from: period.from,
      to: period.to,
      ratings: complaints.ratings,
      csat_responses: share.responses,
      csat: share.rate,
      complaints: complaints.complaints,
      complaints_per_1000: complaints.per1000,
    };
  }
  const score = await latestPublishedScore(deps, agencyId);
  const measure: Evidence['measure'] = score
    ? {
        round_code: score.round.code,
        round_name_ar: score.round.name_ar,
        round_name_en: score.round.name_en,
        published_at: score.round.published_at,
        display: score.display,
        scale_max: score.scale_max,
        rank: score.rank,
        stage: score.stage,
        stage_keys: score.stages.map((s) => s.key),
      }
    : null;
  const plan = await onTrackShare(deps, agencyId);
  return {
    frozen_at: at.toISOString(),
    agency: { id: agency.id, code: agency.code, name_ar: agency.name_ar, name_en: agency.name_en, kind: agency.kind },
    service,
    cx,
    measure,
    plan: { on_track: plan.onTrack, total: plan.total, share: plan.share },
  };
}

export const evidenceOf = (json: string | null) => (json ? (JSON.parse(json) as Evidence) : null);

/**
 * Whether the frozen measurement result reaches a required stage: the agency's stage stands at or
 * above the required one among the round's stages. No published result, no stage, or a framework
 * without that stage is not reaching it.
 */
export function reachedStage(e: Evidence, required: string): boolean {
  const m = e.measure;
  if (!m?.stage) return false;
  const at = (m.stage_keys ?? []).indexOf(required);
  return at >= 0 && m.stage.position >= at;
}
