import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { extensionPoint } from '../../platform/views/extensions.ts';

// The plan initiatives a consultation concerns, and those an accepted idea was taken into, named by
// their codes ("plan/initiative", as plans write them). Plan sits above participate in the module
// order, so participate cannot read it: it offers this point, and plan fills it from its manifest with
// a loader that finds its own initiatives by code. A code no filler knows is refused on its field
// (with no filler at all, every code is unknown); the public sees only initiatives plan publishes.

/** What a module naming plan initiatives is asked for: codes as an agency wrote them. */
export interface InitiativesProps {
  codes: string[];
}

/** One initiative a filler found, in both languages, with what its public page shows of its progress. */
export type LinkedInitiative = {
  /** The code asked for, as it was written. */
  code: string;
  name_ar: string;
  name_en: string;
  /** Its public page, or null while the public may not see it. */
  path: string | null;
  /** The share of its work done, 0..1, as its public page shows it (null when nothing is measured yet). */
  progress: number | null;
  /** Its status (the overall rating) named in both languages, as its public page shows it; null when unrated. */
  status_ar: string | null;
  status_en: string | null;
};

/** Fillers return the initiatives they know among `codes` (any order; the unknown left out). */
export const linkedInitiatives = extensionPoint<InitiativesProps>('participate.initiatives');

/** Codes written one a line: trimmed, each once, in the order written. */
export const initiativeCodes = (lines: string[]) => [...new Set(lines.map((l) => l.trim()).filter(Boolean))];

/** The initiatives the fillers know among `codes`, by code (the first filler naming one wins). */
export async function findInitiatives(deps: Deps, codes: string[]): Promise<Map<string, LinkedInitiative>> {
  const out = new Map<string, LinkedInitiative>();
  if (codes.length === 0) return out;
  const loaded = await deps.extensions.load(linkedInitiatives, deps, { codes }, systemCtx('participate initiatives'));
  for (const { data } of loaded)
    for (const i of (data ?? []) as LinkedInitiative[]) if (codes.includes(i.code) && !out.has(i.code)) out.set(i.code, i);
  return out;
}

/** Checks codes before they are saved: the first no filler knows is refused on the `initiatives` field. */
export async function resolveInitiatives(deps: Deps, codes: string[]): Promise<string[]> {
  const found = await findInitiatives(deps, codes);
  for (const code of codes) if (!found.has(code)) fieldError('initiatives', 'participate.validation.link_initiative', { key: code });
  return codes;
}

/** The initiatives the public may follow, in the order written: those plan publishes, with their progress. */
export async function publicInitiatives(deps: Deps, codes: string[]): Promise<LinkedInitiative[]> {
  const found = await findInitiatives(deps, codes);
  return codes.map((c) => found.get(c)).filter((i): i is LinkedInitiative => !!i && i.path !== null);
}
