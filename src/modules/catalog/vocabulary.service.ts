import { recordAudit } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError, NotFoundError } from '../../platform/http/errors.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { catalogPolicy } from './catalog.policy.ts';
import * as repo from './catalog.repo.ts';
import { taxonomyTermInput } from './catalog.schema.ts';
import { catalogSearch } from './catalog.search.ts';
import { catalogChanged } from './catalog.service.ts';

/** Terms with how many published services use each. */
export async function listTermsWithUse(deps: Deps) {
  const terms = await repo.listTerms(deps.db);
  const r = await catalogSearch(deps).search('', { limit: 0 });
  const facet = { category: 'category', life_event: 'life_event', business_event: 'business_event' } as const;
  return terms.map((t) => ({ ...t, uses: r.facets[facet[t.kind]]?.[t.code] ?? 0 }));
}

/** Adds a term, or renames an existing one of the same kind and code. */
export async function saveTerm(deps: Deps, ctx: Ctx, raw: unknown) {
  authorize(catalogPolicy.manageVocabulary(ctx.actor));
  const input = parseInput(taxonomyTermInput, raw);
  return deps.db.transaction().execute(async (trx) => {
    const term = await repo.upsertTerm(trx, input);
    await recordAudit(trx, ctx, { action: 'taxonomy.save', recordType: 'taxonomy_term', recordId: term.id, after: input });
    return term;
  });
}

export async function deleteTerm(deps: Deps, ctx: Ctx, id: number) {
  authorize(catalogPolicy.manageVocabulary(ctx.actor));
  const term = await repo.findTerm(deps.db, id);
  if (!term) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteTerm(trx, id);
    await recordAudit(trx, ctx, { action: 'taxonomy.delete', recordType: 'taxonomy_term', recordId: id, before: term });
  });
}

export async function listSynonymGroups(deps: Deps) {
  return (await repo.listSynonyms(deps.db)).map((s) => ({ id: s.id, terms: JSON.parse(s.terms_json) as string[] }));
}

/** Adds a group of phrases that mean the same thing; the search index picks it up at once. */
export async function addSynonymGroup(deps: Deps, ctx: Ctx, text: unknown) {
  authorize(catalogPolicy.manageVocabulary(ctx.actor));
  const terms = [
    ...new Set(
      String(text ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
  if (terms.length < 2 || terms.length > 20 || terms.some((x) => x.length > 80)) fieldError('terms', 'validation.synonyms_two');
  await deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertSynonyms(trx, terms);
    await recordAudit(trx, ctx, { action: 'synonyms.add', recordType: 'search_synonyms', recordId: row.id, after: terms });
  });
  catalogChanged(deps);
}

export async function deleteSynonymGroup(deps: Deps, ctx: Ctx, id: number) {
  authorize(catalogPolicy.manageVocabulary(ctx.actor));
  const groups = await listSynonymGroups(deps);
  const group = groups.find((g) => g.id === id);
  if (!group) throw new NotFoundError();
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSynonyms(trx, id);
    await recordAudit(trx, ctx, { action: 'synonyms.delete', recordType: 'search_synonyms', recordId: id, before: group.terms });
  });
  catalogChanged(deps);
}
