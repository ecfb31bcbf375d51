// Assigning judges to nominations: a pure, deterministic function (same input, same output), so
// the office can rerun it and tests can check it against known answers.

export interface AssignmentInput {
  /** Nominations to fill, each with the judges it must never get (conflicts of every kind). */
  nominations: readonly { id: number; conflicts: ReadonlySet<number> }[];
  /** The panel's judges (user ids). */
  judges: readonly number[];
  /** Judges per nomination. */
  k: number;
  /** Assignments that already exist (kept; they count towards k and towards each judge's load). */
  existing?: readonly { nominationId: number; judgeId: number; locked?: boolean }[];
}

export interface AssignmentResult {
  /** New assignments to add (existing ones are not repeated). */
  added: { nominationId: number; judgeId: number }[];
  /** Every judge's load afterwards (existing plus added). */
  loads: Map<number, number>;
  /** Nominations that could not get k judges (too few judges without a conflict), with how many they got. */
  short: { nominationId: number; got: number }[];
  /** Largest minus smallest load afterwards. */
  spread: number;
}

const cmp = (a: number, b: number) => a - b;

/**
 * Gives each nomination k judges it has no conflict with, keeping loads even: the most constrained
 * nominations (fewest eligible judges) go first, each takes the least-loaded eligible judges (ties by
 * id); then a repair pass moves new assignments from the busiest judges to the idlest while that
 * narrows the spread and breaks no conflict. Loads end within one of each other whenever the
 * conflicts allow it.
 */
export function assignJudges(input: AssignmentInput): AssignmentResult {
  const judges = [...new Set(input.judges)].sort(cmp);
  const loads = new Map<number, number>(judges.map((j) => [j, 0]));
  const onNomination = new Map<number, Set<number>>(input.nominations.map((n) => [n.id, new Set<number>()]));
  for (const e of input.existing ?? []) {
    onNomination.get(e.nominationId)?.add(e.judgeId);
    if (loads.has(e.judgeId)) loads.set(e.judgeId, (loads.get(e.judgeId) ?? 0) + 1);
  }
  const conflicts = new Map(input.nominations.map((n) => [n.id, n.conflicts]));
  const eligible = (nominationId: number, judge: number) =>
    !conflicts.get(nominationId)?.has(judge) && !onNomination.get(nominationId)?.has(judge);

  const order = [...input.nominations]
    .map((n) => ({ id: n.id, free: judges.filter((j) => !n.conflicts.has(j)).length }))
    .sort((a, b) => a.free - b.free || a.id - b.id);

  const added: { nominationId: number; judgeId: number }[] = [];
  const short: { nominationId: number; got: number }[] = [];
  for (const { id } of order) {
    const have = onNomination.get(id) as Set<number>;
    const need = input.k - have.size;
    if (need <= 0) continue;
    const picks = judges
      .filter((j) => eligible(id, j))
      .sort((a, b) => (loads.get(a) ?? 0) - (loads.get(b) ?? 0) || a - b)
      .slice(0, need);
    for (const j of picks) {
      have.add(j);
      loads.set(j, (loads.get(j) ?? 0) + 1);
      added.push({ nominationId: id, judgeId: j });
    }
    if (have.size < input.k) short.push({ nominationId: id, got: have.size });
  }

  // Repair: move one new assignment at a time from a busiest judge to an idlest one.
  const spreadOf = () => (judges.length ? Math.max(...loads.values()) - Math.min(...loads.values()) : 0);
  for (let guard = 0; guard < added.length * judges.length && spreadOf() > 1; guard++) {
    const max = Math.max(...loads.values());
    const min = Math.min(...loads.values());
    let moved = false;
    for (const from of judges.filter((j) => loads.get(j) === max)) {
      for (const to of judges.filter((j) => loads.get(j) === min)) {
        const i = added.findIndex((a) => a.judgeId === from && eligible(a.nominationId, to));
        if (i < 0) continue;
        const a = added[i];
        onNomination.get(a.nominationId)?.delete(from);
        onNomination.get(a.nominationId)?.add(to);
        added[i] = { nominationId: a.nominationId, judgeId: to };
        loads.set(from, max - 1);
        loads.set(to, min + 1);
        moved = true;
        break;
      }
      if (moved) break;
    }
    if (!moved) break;
  }
  added.sort((a, b) => a.nominationId - b.nominationId || a.judgeId - b.judgeId);
  return { added, loads, short, spread: spreadOf() };
}
