import { createProbe, type Result, recordResults } from '../../../src/modules/availability/testing.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { isoDay, localDayNumber } from '../../../src/platform/i18n/dates.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/**
 * Availability pages with history on them: a probe with 90 days of hourly results (a closed
 * incident, an open one), so the status bars, incident tables, timeline and results all render.
 */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-status',
    name_ar: 'هيئة الحالة',
    name_en: 'Status Authority',
    website: 'https://status.example.gov.sa',
  });
  const service = await buildService(deps, agency.id, {
    identifier: 'a11y-status-service',
    data: { channels: [{ type: 'web', url: 'https://status.example.gov.sa/apply', availability: '24/7' }] },
  });
  const probe = await createProbe(deps, systemCtx('a11y'), { service_id: String(service.id), interval_seconds: '3600' });
  const now = Date.now();
  const results: Result[] = [];
  for (let h = 90 * 24; h >= 0; h--) {
    const down = (h >= 400 && h < 406) || h < 4;
    results.push({
      at: new Date(now - h * 3_600_000).toISOString(),
      ok: !down,
      statusCode: down ? 503 : 200,
      latencyMs: down ? null : 150 + (h % 7) * 40,
      error: down ? 'status' : null,
    });
  }
  await recordResults(deps, probe.id, results);
  const incident = await deps.db
    .selectFrom('availability_incidents')
    .select('id')
    .where('probe_id', '=', probe.id)
    .orderBy('id')
    .executeTakeFirstOrThrow();
  const day = (offset: number) => isoDay(localDayNumber(deps.config.timeZone, now) + offset);
  return {
    '/status': '/status',
    '/status/agencies/:code': '/status/agencies/a11y-status',
    // With a chosen period, so the form and its figures are both checked.
    '/status/services/:identifier': `/status/services/a11y-status-service?from=${day(-30)}&to=${day(0)}`,
    '/console/availability': '/console/availability',
    '/console/availability/probes/new': '/console/availability/probes/new',
    '/console/availability/probes/:id': `/console/availability/probes/${probe.id}`,
    '/console/availability/incidents': '/console/availability/incidents',
    '/console/availability/incidents/:id': `/console/availability/incidents/${incident.id}`,
  };
};
export default samples;
