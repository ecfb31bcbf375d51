import { randomBytes } from 'node:crypto';
import type { App } from '../../src/app.ts';
import type { ServiceData } from '../../src/modules/catalog/public.ts';
import * as repo from '../../src/modules/catalog/testing.ts';
import { createInTransaction, publishInTransaction, type ServiceDataInput, serviceData } from '../../src/modules/catalog/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';

/** A complete, realistic service record; override what the test is about. */
export function sampleService(overrides: Partial<ServiceDataInput> = {}): ServiceData {
  return serviceData.parse({
    name: { ar: 'تجديد جواز السفر', en: 'Renew a passport' },
    description: {
      ar: 'تتيح هذه الخدمة للمواطنين تجديد جواز السفر السعودي إلكترونياً دون مراجعة مكاتب الجوازات، مع توصيله بالبريد.',
      en: 'This service lets citizens renew their Saudi passport online without visiting a passport office, with delivery by post.',
    },
    audiences: ['citizens'],
    categories: ['identity-residency'],
    life_events: ['travel-abroad'],
    channels: [
      { type: 'web', url: 'https://www.gdp.gov.sa/passport-renewal', availability: '24/7' },
      {
        type: 'call_centre',
        phone: '992',
        availability: 'business_hours',
        hours: { ar: 'الأحد–الخميس 8:00–15:00', en: 'Sun–Thu 8:00–15:00' },
      },
    ],
    requirements: [{ ar: 'أن يكون الجواز صالحاً أو منتهياً منذ أقل من سنة', en: 'The passport is valid or expired less than a year ago' }],
    documents: [{ name: { ar: 'صورة شخصية حديثة', en: 'A recent personal photo' } }],
    outputs: [{ ar: 'جواز سفر جديد', en: 'A new passport' }],
    fees: [{ amount: 300, currency: 'SAR', description: { ar: 'لمدة خمس سنوات', en: 'For five years' } }],
    legal_basis: [{ title: { ar: 'نظام وثائق السفر', en: 'Travel Documents Law' } }],
    processing_time: 'P3D',
    sla_target: 'P5D',
    keywords: { ar: ['جواز', 'باسبور'], en: ['passport'] },
    maturity: 'transactional',
    status: 'live',
    ...overrides,
  });
}

export async function buildTerms(deps: App) {
  for (const [kind, code, ar, en] of [
    ['category', 'identity-residency', 'الهوية والإقامة', 'Identity and residency'],
    ['category', 'health', 'الصحة', 'Health'],
    ['category', 'transport', 'النقل', 'Transport'],
    ['life_event', 'travel-abroad', 'السفر إلى الخارج', 'Travelling abroad'],
    ['business_event', 'starting-business', 'بدء نشاط تجاري', 'Starting a business'],
  ] as const) {
    await repo.upsertTerm(deps.db, { kind, code, name_ar: ar, name_en: en, sort: 100 });
  }
}

/** A service of an agency, published unless `publish: false`. */
export async function buildService(
  deps: App,
  agencyId: number,
  opts: { identifier?: string; data?: Partial<ServiceDataInput>; publish?: boolean } = {},
) {
  const data = sampleService(opts.data);
  const identifier = opts.identifier ?? `svc-${randomBytes(4).toString('hex')}`;
  return deps.db.transaction().execute(async (trx) => {
    const row = await createInTransaction(trx, systemCtx('test'), { identifier, agency_id: agencyId, data });
    return opts.publish === false ? row : publishInTransaction(trx, deps, systemCtx('test'), row, data);
  });
}

/**
 * A published service that is its name and one stock sentence, nothing else (no keywords, documents
 * or outputs): for search tests where only the words of names should decide.
 */
export function buildNamedService(
  deps: App,
  agencyId: number,
  identifier: string,
  name: { ar: string; en: string },
  description = { ar: 'خدمة للمواطنين والمقيمين.', en: 'A service for citizens and residents.' },
) {
  return buildService(deps, agencyId, {
    identifier,
    data: { name, description, requirements: [], documents: [], outputs: [], keywords: { ar: [], en: [] } },
  });
}
