import type { Deps } from '../../platform/deps.ts';
import { findService, getPublished } from '../catalog/public.ts';
import { findAgency } from '../identity/public.ts';
import { onTrackShare } from '../plan/public.ts';

/**
 * What Yusr held about a nomination when it was submitted, frozen into the nomination so judges see
 * what was true at the deadline, not what changed after: the agency, the nominated service's
 * published catalog record (version, status, maturity, channels, fees), and the agency's plan
 * initiatives on track. An individual's nomination has no agency, so no service or plan either.
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
  plan: { on_track: number; total: number; share: number | null } | null;
}

export async function freezeEvidence(deps: Deps, agencyId: number | null, serviceId: number | null, at: Date): Promise<Evidence> {
  if (agencyId === null) return { frozen_at: at.toISOString(), agency: null, service: null, plan: null };
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
  const plan = await onTrackShare(deps, agencyId);
  return {
    frozen_at: at.toISOString(),
    agency: { id: agency.id, code: agency.code, name_ar: agency.name_ar, name_en: agency.name_en, kind: agency.kind },
    service,
    plan: { on_track: plan.onTrack, total: plan.total, share: plan.share },
  };
}

export const evidenceOf = (json: string | null) => (json ? (JSON.parse(json) as Evidence) : null);
