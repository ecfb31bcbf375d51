import { addMonths, currentMonth, saveMonth } from '../../../src/modules/kpi/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Service performance pages: a live service with a few months of figures, a gap and a corrected month. */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-kpi',
    name_ar: 'المديرية العامة للجوازات',
    name_en: 'General Directorate of Passports',
  });
  const service = await buildService(deps, agency.id, { identifier: 'a11y-kpi-passport' });
  const ctx = systemCtx('a11y');
  const last = addMonths(currentMonth(), -1);
  const figures = (completed: number) => ({
    web: '5200',
    app: '3100',
    kiosk: '200',
    call_centre: '700',
    service_centre: '800',
    started: '9000',
    completed: String(completed),
    total_cost: '250000',
    cost_includes: 'الاستضافة والموظفون / Hosting and staff',
  });
  for (const back of [1, 2, 4, 5]) await saveMonth(deps, ctx, service.id, addMonths(last, -back), figures(7600 + back * 20), 'api');
  await saveMonth(deps, ctx, service.id, last, figures(7900), 'api');
  await saveMonth(deps, ctx, service.id, last, { ...figures(7950), reason: 'تصحيح بعد المراجعة / Corrected after review' }, 'api');
  return {
    '/console/kpi': '/console/kpi',
    '/console/kpi/agencies/:id': `/console/kpi/agencies/${agency.id}`,
    '/console/kpi/services/:id': `/console/kpi/services/${service.id}`,
    '/console/kpi/services/:id/figures': `/console/kpi/services/${service.id}/figures?month=${last}`,
    '/console/kpi/import': '/console/kpi/import',
    '/performance/:identifier': '/performance/a11y-kpi-passport',
  };
};
export default samples;
