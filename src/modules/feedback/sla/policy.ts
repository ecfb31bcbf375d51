// SLA policies: which targets apply to a complaint, by agency and category.

export const HOUR_MS = 3_600_000;

export interface SlaPolicy {
  /** null: the program-wide default, which must then have a null category too. */
  agencyId: number | null;
  /** null: the agency's default for categories without their own policy. */
  category: string | null;
  /** Target for the first response, in WORKING hours (fractions allowed: 0.5 is 30 minutes). */
  firstResponseHours: number;
  /** Target for resolution, in WORKING hours. */
  resolutionHours: number;
  /** Share of a target after which staff are warned; 0.8 when absent. */
  warnAtFraction?: number;
}

export interface SlaTargets {
  firstResponseMs: number;
  resolutionMs: number;
  warnAtFraction: number;
}

/**
 * The policy for a case: agency + category, else the agency's default, else the program default.
 * A category-specific program-wide policy is not a level (validatePolicies rejects it), so an
 * agency's own default always wins over anything set program-wide.
 */
export function pickPolicy<P extends SlaPolicy>(policies: readonly P[], key: { agencyId: number; category: string }): P | undefined {
  return (
    policies.find((p) => p.agencyId === key.agencyId && p.category === key.category) ??
    policies.find((p) => p.agencyId === key.agencyId && p.category === null) ??
    policies.find((p) => p.agencyId === null && p.category === null)
  );
}

/** Problems with a policy set, one sentence each; empty when it is usable. */
export function validatePolicies(policies: readonly SlaPolicy[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const p of policies) {
    const where = `policy for agency ${p.agencyId ?? '(program)'} / category ${p.category ?? '(default)'}`;
    if (p.agencyId === null && p.category !== null) problems.push(`${where}: a program-wide policy cannot name a category`);
    const key = JSON.stringify([p.agencyId, p.category]);
    if (seen.has(key)) problems.push(`${where}: defined more than once`);
    seen.add(key);
    for (const [field, v] of [
      ['firstResponseHours', p.firstResponseHours],
      ['resolutionHours', p.resolutionHours],
    ] as const) {
      if (!(Number.isFinite(v) && v > 0)) problems.push(`${where}: ${field} must be a positive number of working hours`);
    }
    if (p.firstResponseHours > p.resolutionHours) problems.push(`${where}: first response cannot be due after resolution`);
    const f = p.warnAtFraction;
    if (f !== undefined && !(f > 0 && f <= 1)) problems.push(`${where}: warnAtFraction must be in (0, 1]`);
  }
  return problems;
}

/** A policy's targets in working milliseconds, ready for slaStatus. */
export function policyTargets(policy: SlaPolicy): SlaTargets {
  return {
    firstResponseMs: Math.round(policy.firstResponseHours * HOUR_MS),
    resolutionMs: Math.round(policy.resolutionHours * HOUR_MS),
    warnAtFraction: policy.warnAtFraction ?? 0.8,
  };
}
