import { buildService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** The national dashboard (with a Hijri period and a month) and one agency's scorecard beside the national median. */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-reports',
    name_ar: 'هيئة الحكومة الرقمية',
    name_en: 'Digital Government Authority',
  });
  await buildService(deps, agency.id, { identifier: 'a11y-reports-service' });
  return {
    '/console/reports': '/console/reports?cal=hijri&year=1448&month=6',
    '/console/reports/agencies/:id': `/console/reports/agencies/${agency.id}`,
  };
};
export default samples;
