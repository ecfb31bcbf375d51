import { addSynonymGroup } from '../../../src/modules/catalog/vocabulary.service.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService, buildTerms } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Portal and catalog console pages. */
const samples: SampleBuilder = async ({ deps }) => {
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
  return {
    '/services': '/services?q=جواز&category=identity-residency',
    '/services/:identifier': '/services/a11y-passport-renewal',
    '/agencies': '/agencies',
    '/agencies/:code': `/agencies/${agency.code}`,
    '/console/services': '/console/services',
    '/console/services/new': '/console/services/new',
    '/console/services/:id': `/console/services/${service.id}`,
    '/console/services/:id/edit': `/console/services/${service.id}/edit`,
    '/console/services/:id/compare': `/console/services/${service.id}/compare?a=1&b=1`,
    '/console/taxonomies': '/console/taxonomies',
    '/console/synonyms': '/console/synonyms',
    '/console/catalog/io': '/console/catalog/io',
  };
};
export default samples;
