import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import { allAgencies } from '../identity/public.ts';
import * as repo from './plan.repo.ts';
import type { InitiativeInput } from './plan.schema.ts';

// An initiative's ties beyond its owner: the agencies taking part with it and the initiatives of the
// same plan it depends on, named in the form by code and kept as ids. A dependency on itself, on an
// initiative of another plan, or one that closes a cycle (A needs B needs … needs A) is refused beside
// its field, with the path that would close it.

const codes = (text: string | undefined) => [...new Set((text ?? '').split(/[\s,،]+/).filter(Boolean))];
export const idList = (text: string) => text.split(',').filter(Boolean).map(Number);

/** The ids of the participating agencies named by code (the owner is not one of them). */
export async function partnerIds(deps: Deps, input: Pick<InitiativeInput, 'partners' | 'owner_agency_id'>): Promise<number[]> {
  const named = codes(input.partners);
  if (!named.length) return [];
  const byCode = new Map((await allAgencies(deps)).map((a) => [a.code.toLowerCase(), a.id]));
  const ids: number[] = [];
  for (const code of named) {
    const id = byCode.get(code.toLowerCase());
    if (id === undefined) fieldError('partners', 'plan.validation.partner_unknown', { code });
    if (id === input.owner_agency_id) fieldError('partners', 'plan.validation.partner_owner');
    ids.push(id);
  }
  return [...new Set(ids)];
}

/**
 * The ids of the initiatives it depends on, named by code within its plan; `self` is the initiative
 * being edited (null when it is being created, which nothing can depend on yet).
 */
export async function dependencyIds(deps: Deps, planId: number, self: { id: number | null; code: string }, text: string | undefined) {
  const named = codes(text);
  if (!named.length) return [];
  const all = await repo.listInitiatives(deps.db, planId, undefined, 'all');
  const byCode = new Map(all.map((i) => [i.code.toLowerCase(), i]));
  const byId = new Map(all.map((i) => [i.id, i]));
  const ids: number[] = [];
  for (const code of named) {
    if (code.toLowerCase() === self.code.toLowerCase()) fieldError('depends_on', 'plan.validation.depends_self');
    const target = byCode.get(code.toLowerCase());
    if (!target) fieldError('depends_on', 'plan.validation.depends_unknown', { code });
    if (target.id === self.id) fieldError('depends_on', 'plan.validation.depends_self');
    if (self.id !== null) {
      const path = pathTo(target.id, self.id, (id) => idList(byId.get(id)?.depends_on_ids ?? ''));
      if (path)
        fieldError('depends_on', 'plan.validation.depends_cycle', {
          code: target.code,
          path: [...path.map((id) => byId.get(id)?.code ?? String(id)), self.code].join(' → '),
        });
    }
    ids.push(target.id);
  }
  return [...new Set(ids)];
}

/** A dependency path from one initiative to another (both ends included but the last), or null. */
export function pathTo(from: number, to: number, next: (id: number) => number[]): number[] | null {
  const seen = new Set<number>();
  const walk = (id: number, trail: number[]): number[] | null => {
    if (id === to) return trail;
    if (seen.has(id)) return null;
    seen.add(id);
    for (const n of next(id)) {
      const found = walk(n, [...trail, id]);
      if (found) return found;
    }
    return null;
  };
  return walk(from, []);
}
