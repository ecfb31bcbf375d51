/**
 * Small-count suppression of the open datasets (statistical disclosure control).
 *
 * - Primary: a count of 1 to THRESHOLD − 1 is never published; its cell says "suppressed" and has
 *   no value (0 is published: it names nobody). A ratio, mean or rate (CSAT, completion, cost per
 *   transaction, turnaround…) is published only when the provider states the count it is computed
 *   over (`base`) and that count is at least THRESHOLD; a measurement score (unit `score`) is about
 *   an agency, not people, and is published as it is.
 * - Complementary: cells that add up to another published cell (the agencies of a month to the
 *   national figure, a breakdown's categories to the figure itself) form a group; so do rates, whose
 *   numerators add up the same way (the nation's satisfied answers are the agencies' together). A
 *   group with exactly one suppressed part would let anyone subtract the others from the total, so
 *   the smallest other part (by count, or by base for a rate) is suppressed too — or, when there is
 *   no other part, the total — repeated until no group has a single suppressed part. Every group is
 *   treated so, whether its total is published or can only be found elsewhere.
 */

/** Cells below this count are suppressed. */
export const THRESHOLD = 5;

export interface Cell {
  value: number | null;
  suppressed: boolean;
  /** Counts and rates take part in complementary suppression; scores do not add up. */
  additive: boolean;
}

/** Units whose value is a count of people or records. */
export const COUNT_UNITS = new Set(['count']);
/** Units published as they are (agency-level results, not about people). */
const AS_IS_UNITS = new Set(['score']);

/** The primary rule: a cell for a value of a unit, with the count it was computed over when it is not itself a count. */
export function primaryCell(value: number | null, unit: string, base?: number | null): Cell {
  const additive = !AS_IS_UNITS.has(unit);
  if (value === null || !Number.isFinite(value)) return { value: null, suppressed: false, additive };
  if (COUNT_UNITS.has(unit))
    return value > 0 && value < THRESHOLD ? { value: null, suppressed: true, additive } : { value, suppressed: false, additive };
  if (AS_IS_UNITS.has(unit)) return { value, suppressed: false, additive };
  return typeof base === 'number' && base >= THRESHOLD
    ? { value, suppressed: false, additive }
    : { value: null, suppressed: true, additive };
}

/** A group of counts that add up to a total (the total may be absent from the publication). */
export interface Group {
  total?: Cell & { raw: number | null };
  parts: (Cell & { raw: number | null })[];
}

/**
 * Complementary suppression over groups that may share cells (a cell is in its month's agency group
 * and in its breakdown's group). `raw` keeps the true count (a rate's base) so the smallest part can
 * be chosen; it is never published.
 */
export function complementary(groups: Group[]): void {
  for (let changed = true; changed; ) {
    changed = false;
    for (const g of groups) {
      const parts = g.parts.filter((p) => p.additive);
      if (parts.filter((p) => p.suppressed).length !== 1) continue;
      // Only a published number hides anything: a cell with nothing measured adds nothing.
      const shown = (c: Cell & { raw: number | null }) => !c.suppressed && c.value !== null && c.raw !== null;
      const open = parts.filter(shown).sort((a, b) => (a.raw as number) - (b.raw as number));
      const next = open[0] ?? (g.total && shown(g.total) ? g.total : undefined);
      if (!next) continue;
      next.suppressed = true;
      next.value = null;
      changed = true;
    }
  }
}
