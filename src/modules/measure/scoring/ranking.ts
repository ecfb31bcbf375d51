import type { Stage } from './framework.schema.ts';

/**
 * Rounds half away from zero at `decimals` places, as a person rounding the printed number would.
 * Scaling by 10^d in binary floating point turns 1.005 into 100.49999999999999; reading the product
 * back at 15 significant digits removes that representation noise before rounding.
 */
export function roundHalfUp(x: number, decimals: number): number {
  const f = 10 ** decimals;
  const scaled = Number((Math.abs(x) * f).toPrecision(15));
  const r = Math.round(scaled) / f;
  return r === 0 ? 0 : Math.sign(x) * r;
}

/** The text a person sees: rounded half up, with exactly `decimals` places. */
export function formatScore(x: number, decimals: number): string {
  return roundHalfUp(x, decimals).toFixed(decimals);
}

/**
 * Standard competition ranking ("1224"), highest value first: tied values share a rank and the
 * next rank skips. Callers pass displayed (rounded) values so that two agencies shown with the
 * same score never receive different ranks. Null (not applicable) gets no rank.
 */
export function competitionRanks(values: readonly (number | null)[]): (number | null)[] {
  const present = values.filter((v): v is number => v !== null).sort((a, b) => b - a);
  const firstIndex = new Map<number, number>();
  present.forEach((v, i) => {
    if (!firstIndex.has(v)) firstIndex.set(v, i + 1);
  });
  return values.map((v) => (v === null ? null : (firstIndex.get(v) ?? null)));
}

/** The highest stage whose threshold the (displayed) score reaches; null below the first threshold. */
export function stageFor(score: number | null, stages: readonly Stage[]): Stage | null {
  if (score === null) return null;
  let found: Stage | null = null;
  for (const s of stages) if (score >= s.min) found = s;
  return found;
}
