import { generateReport, reportPeriod, sharedReportPath } from '../../../src/modules/reports/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/**
 * The national dashboard (with a Hijri period and a month), one agency's scorecard beside the national
 * median, the leadership reports' archive (with the office's forms) and one archived report.
 */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-reports',
    name_ar: 'هيئة الحكومة الرقمية',
    name_en: 'Digital Government Authority',
  });
  await buildService(deps, agency.id, { identifier: 'a11y-reports-service' });
  const period = reportPeriod(deps.config.timeZone, 'quarterly', 2025, 4);
  if (!period) throw new Error('no such period');
  // An address the office added, without an account, opens the report through its signed link.
  const recipient = await deps.db
    .insertInto('reports_recipients')
    .values({
      name: 'مكتب الوزير',
      email: 'minister-office@a11y.test',
      lang: 'ar',
      created_by: 'a11y',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const report = await generateReport(deps, systemCtx('a11y'), period, 'manual');
  return {
    '/console/reports': '/console/reports?cal=hijri&year=1448&month=6',
    '/console/reports/agencies/:id': `/console/reports/agencies/${agency.id}`,
    '/console/reports/archive': '/console/reports/archive',
    '/console/reports/archive/:id': `/console/reports/archive/${report.id}`,
    '/reports/shared/:id': sharedReportPath(deps, report.id, recipient.id),
  };
};
export default samples;
