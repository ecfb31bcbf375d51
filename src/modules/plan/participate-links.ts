import type { Deps } from '../../platform/deps.ts';
import { translate } from '../../platform/i18n/i18n.ts';
import { fill } from '../../platform/views/extensions.ts';
import { type LinkedInitiative, linkedInitiatives } from '../participate/public.ts';
import { type PlanFigures, publicPlan } from './followup.service.ts';
import * as repo from './plan.repo.ts';
import { ratingLabel } from './views/common.tsx';

// Consultations name the plan initiatives they concern, and accepted ideas the initiatives that carry
// them out, by code "plan/initiative" (participate cannot read plan; it asks through its point). Every
// initiative with that code is named, so it can be linked before it is published; the public path, the
// share done and the overall rating are given only when its public page shows them (the initiative and
// its plan published, the plan past draft), with the same figures as that page.

/** The initiatives of plans among `codes` ("plan/initiative", exactly as plans write them). */
export async function initiativesByCode(deps: Deps, codes: string[]): Promise<LinkedInitiative[]> {
  const out: LinkedInitiative[] = [];
  const figures = new Map<number, PlanFigures>();
  for (const code of codes) {
    const [planCode, initiativeCode, more] = code.split('/');
    if (!planCode || !initiativeCode || more !== undefined) continue;
    const plan = await repo.findPlanByCode(deps.db, planCode);
    const initiative = plan ? await repo.findInitiativeByCode(deps.db, plan.id, initiativeCode) : undefined;
    if (!plan || !initiative) continue;
    const shown = plan.published === 1 && plan.status !== 'draft' && initiative.published === 1;
    if (shown && !figures.has(plan.id)) figures.set(plan.id, await publicPlan(deps, plan.id));
    const line = shown
      ? figures
          .get(plan.id)
          ?.tracks.flatMap((t) => t.initiatives)
          .find((l) => l.initiative.id === initiative.id)
      : undefined;
    const rating = line?.figures.overall ?? null;
    out.push({
      code,
      name_ar: initiative.name_ar,
      name_en: initiative.name_en,
      path: line ? `/plans/initiatives/${initiative.id}` : null,
      progress: line?.figures.progress ?? null,
      status_ar: rating ? translate('ar', ratingLabel[rating]) : null,
      status_en: rating ? translate('en', ratingLabel[rating]) : null,
    });
  }
  return out;
}

/** Plan's filling of participate's point for linked initiatives. */
export const participateInitiatives = fill(linkedInitiatives, {
  name: 'plan',
  order: 10,
  load: (deps, props) => initiativesByCode(deps, props.codes),
  render: () => null,
});
