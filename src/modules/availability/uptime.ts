// The arithmetic of availability, pure: latency histograms and their percentiles, uptime of a
// period from counts of checks, and whether an instant falls in announced planned downtime.

/** Upper bounds (ms) of the latency buckets; a last, open bucket holds anything slower. */
export const LATENCY_BUCKETS = [50, 100, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 10000, 30000] as const;

/** An empty histogram (one count per bucket plus the open one). */
export const emptyHistogram = (): number[] => new Array(LATENCY_BUCKETS.length + 1).fill(0);

/** Counts one latency into a histogram (in place). */
export function addLatency(h: number[], ms: number): number[] {
  const i = LATENCY_BUCKETS.findIndex((b) => ms <= b);
  const at = i === -1 ? LATENCY_BUCKETS.length : i;
  h[at] = (h[at] ?? 0) + 1;
  return h;
}

/** A stored histogram ("3,0,1,…") read back; a short or empty one is padded with zeros. */
export function parseHistogram(s: string): number[] {
  const h = emptyHistogram();
  s.split(',').forEach((v, i) => {
    if (i < h.length) h[i] = Number(v) || 0;
  });
  return h;
}

export const formatHistogram = (h: number[]) => h.join(',');

/** Sums histograms bucket by bucket. */
export function mergeHistograms(hs: number[][]): number[] {
  const out = emptyHistogram();
  for (const h of hs) for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (h[i] ?? 0);
  return out;
}

/**
 * The q-quantile (0 < q ≤ 1) of a histogram as the upper bound of the bucket that holds it (a
 * conservative "at most" figure); null when empty; the open bucket reports "over the last bound"
 * as that bound. p50 = percentile(h, 0.5).
 */
export function percentile(h: number[], q: number): number | null {
  const total = h.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < h.length; i++) {
    seen += h[i] ?? 0;
    if (seen >= rank) return LATENCY_BUCKETS[Math.min(i, LATENCY_BUCKETS.length - 1)] as number;
  }
  return LATENCY_BUCKETS[LATENCY_BUCKETS.length - 1] as number;
}

export interface Counts {
  up: number;
  down: number;
  /** Failed checks inside announced planned downtime: neither up nor an outage. */
  planned: number;
}

export interface Uptime {
  /** up ÷ (up + down): planned downtime is left out of both; null when nothing was checked (missing, never 100 %). */
  uptime: number | null;
  /** Share of all checks that fell in planned downtime. */
  plannedShare: number | null;
  checks: number;
  up: number;
  down: number;
  planned: number;
}

/** Uptime of a period from the checks' counts (any number of services, hours or days summed). */
export function uptimeOf(parts: readonly Counts[]): Uptime {
  let up = 0;
  let down = 0;
  let planned = 0;
  for (const p of parts) {
    up += p.up;
    down += p.down;
    planned += p.planned;
  }
  const checks = up + down + planned;
  return {
    uptime: up + down === 0 ? null : up / (up + down),
    plannedShare: checks === 0 ? null : planned / checks,
    checks,
    up,
    down,
    planned,
  };
}

/** A planned-downtime window: [startsAt, endsAt), for some services or (empty list) the whole agency. */
export interface Window {
  agencyId: number;
  serviceIds: readonly number[];
  startsAt: string;
  endsAt: string;
}

/** Does an instant fall inside announced planned downtime of this service? */
export function inPlannedDowntime(at: string, service: { id: number; agencyId: number }, windows: readonly Window[]): boolean {
  const t = Date.parse(at);
  return windows.some(
    (w) =>
      w.agencyId === service.agencyId &&
      (w.serviceIds.length === 0 || w.serviceIds.includes(service.id)) &&
      Date.parse(w.startsAt) <= t &&
      t < Date.parse(w.endsAt),
  );
}

/** The standing of a day on the status page's bar: no data, all up, some downtime, mostly down, or planned. */
export type DayState = 'none' | 'up' | 'degraded' | 'down' | 'planned';

/** How a day (or any period) reads on the bar: under 99 % degraded, under 90 % down. */
export function dayState(c: Counts): DayState {
  const u = uptimeOf([c]);
  if (u.uptime === null) return c.planned > 0 ? 'planned' : 'none';
  if (u.uptime >= 0.99) return c.planned > 0 && u.uptime === 1 ? 'planned' : 'up';
  return u.uptime >= 0.9 ? 'degraded' : 'down';
}
