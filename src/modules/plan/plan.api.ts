import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses, sendCached } from '../../platform/http/api.ts';
import { publicPlan } from './followup.service.ts';
import { ratings } from './plan.tables.ts';

const rating = z.enum(ratings).nullable();
const progressOut = z.object({
  code: z.string(),
  name_ar: z.string(),
  name_en: z.string(),
  status: z.string(),
  as_of: z.string(),
  progress: z.number().nullable(),
  planned: z.number().nullable(),
  tracks: z.array(
    z.object({
      name_ar: z.string(),
      name_en: z.string(),
      weight: z.number(),
      progress: z.number().nullable(),
      initiatives: z.array(
        z.object({
          id: z.number(),
          code: z.string(),
          name_ar: z.string(),
          name_en: z.string(),
          weight: z.number(),
          progress: z.number().nullable(),
          planned: z.number().nullable(),
          slip_days: z.number(),
          schedule: rating,
          kpi: rating,
          overall: rating,
        }),
      ),
    }),
  ),
});
z.globalRegistry.add(progressOut, { id: 'PlanProgress' });

/** /api/v1/plans: the published progress of a plan, as its public page shows it. */
export async function planApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/plans/:id/progress',
    {
      config: { access: 'public' },
      schema: {
        tags: ['plan'],
        summary: "A published plan's progress: published initiatives, their weighted progress and ratings, rolled up by track",
        params: z.object({ id: z.coerce.number().int().min(1).max(2_147_483_647) }),
        response: { 200: progressOut, ...errorResponses },
      },
    },
    async (req, reply) => {
      const f = await publicPlan(deps, req.params.id);
      return sendCached(req, reply, {
        code: f.plan.code,
        name_ar: f.plan.name_ar,
        name_en: f.plan.name_en,
        status: f.plan.status,
        as_of: f.today,
        progress: f.progress.value,
        planned: f.planned.value,
        tracks: f.tracks.map((t) => ({
          name_ar: t.track.name_ar,
          name_en: t.track.name_en,
          weight: t.track.weight,
          progress: t.progress.value,
          initiatives: t.initiatives.map((l) => ({
            id: l.initiative.id,
            code: l.initiative.code,
            name_ar: l.initiative.name_ar,
            name_en: l.initiative.name_en,
            weight: l.initiative.weight,
            progress: l.figures.progress,
            planned: l.figures.planned,
            slip_days: l.figures.slipDays,
            schedule: l.figures.schedule,
            kpi: l.figures.kpi,
            overall: l.figures.overall,
          })),
        })),
      } satisfies z.infer<typeof progressOut>);
    },
  );
}
