import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../platform/http/api.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { findServiceByIdentifier } from '../catalog/public.ts';
import { addMonths, monthKpis } from './kpi.math.ts';
import { KPI_ROLES, WRITE_ROLES } from './kpi.policy.ts';
import * as repo from './kpi.repo.ts';
import { MAX_COUNT, MAX_TEXT } from './kpi.schema.ts';
import { latestMonth, readableService, saveMonth } from './kpi.service.ts';
import { channels } from './kpi.tables.ts';

// /api/v1/kpi: an agency's systems push a month's figures for one of its services with an agency
// token (scope agency:write) and read them back (agency:read). The body is validated again by the
// same function as the console form, so the errors are the same, field by field, in both languages.

const count = z.number().int().min(0).max(MAX_COUNT);
const figuresIn = z
  .object({
    web: count,
    app: count,
    kiosk: count,
    call_centre: count,
    service_centre: count,
    started: count,
    completed: count.describe('Online journeys completed; at most `started`'),
    total_cost: z.number().min(0).max(MAX_COUNT).optional().describe('What the service cost that month, in SAR'),
    cost_includes: z.string().max(MAX_TEXT).optional().describe('What the cost includes (required with total_cost)'),
    reason: z.string().max(MAX_TEXT).optional().describe('Why a month already given is corrected'),
  })
  .strict();
z.globalRegistry.add(figuresIn, { id: 'KpiFiguresInput' });

const ratio = z.number().nullable();
const monthOut = z.object({
  month: z.string(),
  figures: z
    .object({
      ...Object.fromEntries(channels.map((c) => [c, z.number()])),
      started: z.number(),
      completed: z.number(),
      total_cost: z.number().nullable(),
      cost_includes: z.string().nullable(),
      version: z.number(),
      source: z.string(),
      updated_at: z.string(),
    })
    .nullable()
    .describe('null: the month is missing (never read as zero)'),
  digital_take_up: ratio,
  completion_rate: ratio,
  cost_per_transaction: ratio,
});
z.globalRegistry.add(monthOut, { id: 'KpiMonth' });

const toMonth = (month: string, f: repo.FigureRow | undefined) => {
  const k = monthKpis(f);
  return {
    month,
    figures: f
      ? {
          ...Object.fromEntries(channels.map((c) => [c, f[c]])),
          started: f.started,
          completed: f.completed,
          total_cost: f.total_cost,
          cost_includes: f.cost_includes,
          version: f.version,
          source: f.source,
          updated_at: f.updated_at,
        }
      : null,
    digital_take_up: k.takeUp,
    completion_rate: k.completion,
    cost_per_transaction: k.cost,
  } as z.infer<typeof monthOut>;
};

const monthParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const identifier = z.string().min(1).max(80);

export async function kpiApi(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const service = async (id: string) => {
    const s = await findServiceByIdentifier(deps.db, id);
    if (!s) throw new NotFoundError();
    return s;
  };

  r.put(
    '/api/v1/kpi/services/:identifier/months/:month',
    {
      config: { access: { roles: WRITE_ROLES, scopes: ['agency:write'] } },
      schema: {
        tags: ['kpi'],
        summary:
          "Give or correct one month's transactions by channel, journeys started and completed, and cost of one of the agency's live services",
        security: [{ bearer: [] }],
        params: z.object({ identifier, month: z.string().max(20) }),
        body: figuresIn,
        response: {
          200: monthOut.extend({ outcome: z.enum(['create', 'update', 'unchanged']) }),
          409: errorResponses[400],
          ...errorResponses,
        },
      },
    },
    async (req) => {
      const s = await service(req.params.identifier);
      const res = await saveMonth(deps, req.ctx, s.id, req.params.month, req.body, 'api');
      return { ...toMonth(res.figure.month, res.figure), outcome: res.outcome };
    },
  );

  r.get(
    '/api/v1/kpi/services/:identifier/months',
    {
      config: { access: { roles: KPI_ROLES, scopes: ['agency:read', 'agency:write'] } },
      schema: {
        tags: ['kpi'],
        summary:
          "One service's figures and KPIs month by month, from..to inclusive (at most 120 months); missing months come back with figures null",
        security: [{ bearer: [] }],
        params: z.object({ identifier }),
        querystring: z.object({ from: monthParam.optional(), to: monthParam.optional() }).strict(),
        response: { 200: z.object({ service: z.string(), months: z.array(monthOut) }), ...errorResponses },
      },
    },
    async (req) => {
      const s = await readableService(deps, req.ctx, (await service(req.params.identifier)).id);
      const to = req.query.to ?? latestMonth(deps);
      const from = req.query.from ?? addMonths(to, -11);
      if (from > to || addMonths(from, 120) <= to) throw new ValidationError([{ field: 'from', key: 'kpi.validation.range' }]);
      const months = [];
      for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
      const rows = new Map((await repo.listFigures(deps.db, { serviceId: s.id, from, to })).map((f) => [f.month, f]));
      return { service: s.identifier, months: months.map((m) => toMonth(m, rows.get(m))) };
    },
  );
}
