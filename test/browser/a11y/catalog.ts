import { addSynonymGroup, columns, dataToRow, requestReview, saveDraft, startImport } from '../../../src/modules/catalog/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService, buildTerms, sampleService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Portal and catalog console pages. */
const samples: SampleBuilder = async ({ deps, adminEmail, drain }) => {
  const agency = await buildAgency(deps, {
    code: 'a11y-gdp',
    name_ar: 'المديرية العامة للجوازات',
    name_en: 'General Directorate of Passports',
    phone: '992',
  });
  await buildTerms(deps);
  const service = await buildService(deps, agency.id, { identifier: 'a11y-passport-renewal' });
  await buildService(deps, agency.id, { identifier: 'a11y-retired', data: { status: 'retired', fees: [] } });
  await addSynonymGroup(deps, systemCtx(), 'هوية\nبطاقة الأحوال');
  // An import's page after the worker's dry run: the report, row by row, and the button that writes it.
  const admin = await deps.db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', adminEmail).executeTakeFirstOrThrow();
  const ctx: Ctx = {
    actor: { kind: 'user', ...admin, locale: 'ar', memberships: [{ role: 'program_admin', agencyId: null }] },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const csv = [columns.map(([k]) => k), Object.values(dataToRow('a11y-imported', agency.code, sampleService()))]
    .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
    .join('\r\n');
  await startImport(deps, ctx, Buffer.from(csv), 'services.csv');
  // Another system's CPSV-AP file (issue 13): a new organisation, a row without Yusr's own fields (an
  // incomplete draft) and a refused row, so the report shows its grouped reasons and its agencies.
  const foreign = {
    '@context': {
      cpsv: 'http://purl.org/vocab/cpsv#',
      cv: 'http://data.europa.eu/m8g/',
      dct: 'http://purl.org/dc/terms/',
      skos: 'http://www.w3.org/2004/02/skos/core#',
    },
    '@graph': [
      {
        '@id': 'https://registry.example.org/org/AG-01',
        '@type': 'cv:PublicOrganisation',
        'dct:identifier': 'AG-01',
        'skos:prefLabel': [
          { '@value': 'هيئة المثال', '@language': 'ar' },
          { '@value': 'Example Authority', '@language': 'en' },
        ],
      },
      ...['HID-001', 'bad id!'].map((id) => ({
        '@id': `https://registry.example.org/service/${encodeURIComponent(id)}`,
        '@type': 'cpsv:PublicService',
        'dct:identifier': id,
        'dct:title': [
          { '@value': 'إصدار ترخيص', '@language': 'ar' },
          { '@value': 'Issue a licence', '@language': 'en' },
        ],
        'dct:description': [
          { '@value': 'وصف الخدمة', '@language': 'ar' },
          { '@value': 'What the service does', '@language': 'en' },
        ],
        'cv:hasCompetentAuthority': { '@id': 'https://registry.example.org/org/AG-01' },
      })),
    ],
  };
  const importId = await startImport(deps, ctx, Buffer.from(JSON.stringify(foreign)), 'catalog.jsonld');
  // A draft that differs from the published version, waiting for review: the comparison and the preview show it.
  const draft = sampleService();
  await saveDraft(deps, ctx, service.id, {
    ...draft,
    name: { ar: 'تجديد جواز السفر إلكترونياً', en: 'Renew your passport online' },
    fees: [{ amount: 350, currency: 'SAR', description: { ar: 'لخمس سنوات', en: 'For five years' } }],
  });
  await requestReview(deps, ctx, service.id, 'رسوم جديدة');
  await drain();
  return {
    '/services': '/services?q=جواز&category=identity-residency',
    '/services/:identifier': '/services/a11y-passport-renewal',
    '/agencies': '/agencies',
    '/agencies/:code': `/agencies/${agency.code}`,
    '/console/services': '/console/services',
    '/console/services/new': '/console/services/new',
    '/console/services/:id': `/console/services/${service.id}`,
    '/console/services/:id/edit': `/console/services/${service.id}/edit`,
    '/console/services/:id/compare': `/console/services/${service.id}/compare?a=1&b=draft`,
    '/console/services/:id/preview': `/console/services/${service.id}/preview`,
    '/console/taxonomies': '/console/taxonomies',
    '/console/synonyms': '/console/synonyms',
    '/console/catalog/io': '/console/catalog/io',
    '/console/catalog/imports/:id': `/console/catalog/imports/${importId}`,
    '/vocab/:scheme': '/vocab/audience',
    '/vocab/:scheme/:code': '/vocab/status/live',
  };
};
export default samples;
