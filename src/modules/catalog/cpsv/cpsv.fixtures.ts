/** Test data for cpsv.test.ts: a rich service and a small catalogue of several agencies. */
import { type ServiceData, type ServiceDataInput, serviceData } from '../catalog.schema.ts';
import type { AgencyLike, ExportService, TermLike } from './export.ts';

export const BASE = 'https://yusr.example.gov.sa';

export const agencies = new Map<number, AgencyLike>([
  [
    1,
    {
      id: 1,
      code: 'mc',
      name_ar: 'وزارة التجارة',
      name_en: 'Ministry of Commerce',
      website: 'https://mc.gov.sa',
      email: 'info@mc.gov.sa',
      phone: '+966 11 401 2222',
      address_ar: 'طريق الملك عبدالعزيز، الرياض',
      address_en: 'King Abdulaziz Road, Riyadh',
    },
  ],
  // No contact details, no address: no cv:contactPoint, no locn:address.
  [
    2,
    {
      id: 2,
      code: 'moh',
      name_ar: 'وزارة الصحة',
      name_en: 'Ministry of Health',
      website: null,
      email: null,
      phone: null,
      address_ar: null,
      address_en: null,
    },
  ],
  // Only a phone, an address in Arabic only, and a website that is not an absolute URL.
  [
    3,
    {
      id: 3,
      code: 'riyadh-municipality',
      name_ar: 'أمانة منطقة الرياض',
      name_en: 'Riyadh Municipality',
      website: 'alriyadh.gov.sa',
      email: null,
      phone: '940',
      address_ar: 'الرياض',
      address_en: null,
    },
  ],
]);

export const terms = new Map<string, TermLike>(
  (
    [
      { kind: 'category', code: 'business', name_ar: 'الأعمال', name_en: 'Business' },
      { kind: 'category', code: 'health', name_ar: 'الصحة', name_en: 'Health' },
      { kind: 'life_event', code: 'having-a-baby', name_ar: 'ولادة طفل', name_en: 'Having a baby' },
      { kind: 'business_event', code: 'starting-a-business', name_ar: 'بدء نشاط تجاري', name_en: 'Starting a business' },
    ] as TermLike[]
  ).map((t) => [`${t.kind}:${t.code}`, t]),
);

export const richInput: ServiceDataInput = {
  name: { ar: 'إصدار السجل التجاري للمؤسسات', en: 'Issue a commercial registration' },
  description: {
    ar: 'خدمة إلكترونية تُمكّن التاجر من إصدار سجلٍّ تجاريٍّ لمؤسسته فورياً، مع "علامات" وفواصل، وأسطر\nمتعددة.',
    en: 'Lets a trader issue a commercial registration for a sole establishment, instantly.',
  },
  audiences: ['businesses', 'citizens', 'residents'],
  categories: ['business', 'unknown-category'],
  life_events: [],
  business_events: ['starting-a-business'],
  channels: [
    { type: 'web', url: 'https://mc.gov.sa/ar/eservices/Pages/cr.aspx?x=1&y=2', availability: '24/7' },
    { type: 'mobile', url: 'https://apps.apple.com/sa/app/id123', availability: '24/7', hours: { ar: '', en: '' } },
    {
      type: 'call_centre',
      phone: '+966 11 401 2222',
      availability: 'business_hours',
      hours: { ar: 'الأحد إلى الخميس ٨ص–٤م', en: 'Sun–Thu 8am–4pm' },
    },
    { type: 'service_centre', availability: 'scheduled', hours: { ar: 'بموعد', en: '' } },
  ],
  requirements: [
    { ar: 'أن يكون المتقدم سعودي الجنسية', en: 'The applicant is a Saudi national' },
    { ar: 'ألا يكون موظفاً حكومياً', en: 'The applicant is not a civil servant' },
  ],
  documents: [
    { name: { ar: 'الهوية الوطنية', en: 'National ID' } },
    { name: { ar: 'عقد الإيجار', en: 'Lease contract' }, description: { ar: 'موثّق عبر منصة إيجار', en: 'Registered on Ejar' } },
    { name: { ar: 'تفويض', en: 'Authorisation' }, description: { ar: '', en: 'Only for agents' } },
  ],
  outputs: [{ ar: 'سجل تجاري', en: 'Commercial registration' }],
  fees: [
    { amount: 200, currency: 'SAR', channel: 'web', description: { ar: 'رسوم الإصدار لسنة واحدة', en: 'Issue fee, one year' } },
    { amount: 100.75, channel: 'mobile' },
    { amount: 0, currency: 'USD', channel: 'kiosk', description: { ar: 'مجاناً', en: '' } },
    { amount: 1_000_000 },
  ],
  legal_basis: [
    { title: { ar: 'نظام السجل التجاري', en: 'Commercial Register Law' }, url: 'https://laws.boe.gov.sa/BoeLaws/Laws/LawDetails/1' },
    { title: { ar: 'اللائحة التنفيذية', en: 'Implementing regulations' } },
  ],
  processing_time: 'P1W2DT3H',
  sla_target: 'P2W',
  keywords: { ar: ['سجل', 'تجاري', 'مؤسسة'], en: ['CR', 'registration'] },
  maturity: 'transactional',
  status: 'live',
};

export const minimalInput: ServiceDataInput = {
  name: { ar: 'استعلام', en: 'Enquiry' },
  description: { ar: 'خدمة استعلام', en: 'An enquiry service' },
  audiences: ['citizens'],
  channels: [{ type: 'kiosk' }],
  maturity: 'informational',
  status: 'planned',
};

const more: ServiceDataInput[] = [
  {
    name: { ar: 'تسجيل المواليد', en: 'Birth registration' },
    description: { ar: 'تسجيل المولود وإصدار شهادة الميلاد', en: 'Register a newborn and issue a birth certificate' },
    audiences: ['citizens', 'residents'],
    categories: ['health'],
    life_events: ['having-a-baby', 'unlisted-event'],
    channels: [{ type: 'web', url: 'https://www.moh.gov.sa/eServices', phone: '937' }, { type: 'service_centre' }],
    outputs: [
      { ar: 'شهادة ميلاد', en: 'Birth certificate' },
      { ar: 'إشعار', en: 'Notification' },
    ],
    processing_time: 'PT30M',
    maturity: 'integrated',
    status: 'beta',
  },
  {
    name: { ar: 'رخصة بناء', en: 'Building permit' },
    description: { ar: 'إصدار رخصة بناء سكني', en: 'Residential building permit' },
    audiences: ['citizens', 'businesses', 'government'],
    channels: Array.from({ length: 10 }, (_, i) => ({ type: 'web' as const, url: `https://balady.gov.sa/s/${i + 1}` })),
    fees: [{ amount: 12.5, channel: 'call_centre' }],
    sla_target: 'P1Y2M3DT4H5M6S',
    keywords: { ar: ['بناء'], en: [] },
    maturity: 'interactive',
    status: 'suspended',
  },
  { ...minimalInput, name: { ar: 'خدمة متقاعدة', en: 'Retired service' }, status: 'retired', audiences: ['visitors'] },
];

export const rich: ServiceData = serviceData.parse(richInput);
export const minimal: ServiceData = serviceData.parse(minimalInput);

export const richService: ExportService = {
  identifier: 'commercial-registration',
  agency_id: 1,
  version: 4,
  published_at: '2024-05-06T09:30:00.000Z',
  data: rich,
};

/** Several agencies and services, optional parts present and absent. */
export const catalogue: ExportService[] = [
  richService,
  { identifier: 'enquiry', agency_id: 2, version: 1, published_at: 'not a date', data: minimal },
  {
    identifier: 'birth-registration',
    agency_id: 2,
    version: 2,
    published_at: '2025-01-01T00:00:00.000Z',
    data: serviceData.parse(more[0]),
  },
  { identifier: 'building-permit', agency_id: 3, version: 7, published_at: '2025-02-03T04:05:06.000Z', data: serviceData.parse(more[1]) },
  { identifier: 'retired-service', agency_id: 3, version: 1, published_at: '2023-01-01T00:00:00.000Z', data: serviceData.parse(more[2]) },
];

/** Seeded random valid services (every enum, optional parts on and off), for the round-trip property. */
export function randomServices(count: number, seed = 7): ExportService[] {
  let state = seed;
  const rnd = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const subset = <T>(list: readonly T[], min = 0): T[] => {
    const out = list.filter(() => rnd() < 0.5);
    return out.length >= min ? out : list.slice(0, min);
  };
  const times = <T>(max: number, f: (i: number) => T) => Array.from({ length: Math.floor(rnd() * (max + 1)) }, (_, i) => f(i));
  const ar = ['خدمة', 'رخصة', 'تجديد', 'إصدار', 'السِّجل', 'المدني', 'مُعتمد', '٣٠', 'يوماً', '"اقتباس"', 'أ/ب'];
  const en = ['service', 'licence', 'renewal', 'issue', 'civil', 'registry', '30 days', '<b>', '"quoted"', 'a/b'];
  const words = (pool: string[]) =>
    times(4, () => pick(pool))
      .concat(pick(pool))
      .join(' ');
  const text = () => ({ ar: words(ar), en: words(en) });
  const optText = () => pick([{ ar: '', en: '' }, { ar: words(ar), en: '' }, text()]);
  const opt = <K extends string, V>(key: K, f: () => V): Partial<Record<K, V>> => (rnd() < 0.5 ? ({ [key]: f() } as Record<K, V>) : {});
  const durations = ['P1D', 'PT4H', 'P2W', 'P1Y2M3W4DT5H6M7S', 'P0D', 'PT1S', 'P3M', 'P1WT1H'];
  const channelTypes = ['web', 'mobile', 'kiosk', 'call_centre', 'service_centre'] as const;
  return Array.from({ length: count }, (_, i) => {
    const input: ServiceDataInput = {
      name: text(),
      description: text(),
      audiences: subset(['citizens', 'residents', 'businesses', 'visitors', 'government'] as const, 1),
      categories: subset(['business', 'health', 'x-y']),
      life_events: subset(['having-a-baby', 'marriage']),
      business_events: subset(['starting-a-business', 'closing']),
      channels: times(3, () => pick(channelTypes))
        .concat(pick(channelTypes))
        .map((type) => ({
          type,
          url: `https://e.gov.sa/${type}/${i}?q=${Math.floor(rnd() * 100)}`,
          ...opt('phone', () => `+966 ${Math.floor(rnd() * 1e6)}`),
          availability: pick(['24/7', 'business_hours', 'scheduled'] as const),
          ...opt('hours', optText),
        })),
      requirements: times(3, text),
      documents: times(3, () => ({ name: text(), ...opt('description', optText) })),
      outputs: times(2, text),
      fees: times(3, () => ({
        amount: pick([0, 1, 12.5, 99.99, 0.01, 1_000_000]),
        currency: pick(['SAR', 'USD', 'EUR']),
        ...opt('channel', () => pick(channelTypes)),
        ...opt('description', optText),
      })),
      legal_basis: times(2, (n) => ({ title: text(), ...opt('url', () => `https://laws.boe.gov.sa/${i}/${n}`) })),
      ...opt('processing_time', () => pick(durations)),
      ...opt('sla_target', () => pick(durations)),
      keywords: { ar: [...new Set(times(3, () => pick(ar)))], en: [...new Set(times(3, () => pick(en)))] },
      maturity: pick(['informational', 'interactive', 'transactional', 'integrated'] as const),
      status: pick(['planned', 'beta', 'live', 'suspended', 'retired'] as const),
    };
    return {
      identifier: `random-${i}`,
      agency_id: pick([1, 2, 3]),
      version: i + 1,
      published_at: '2025-03-01T12:00:00.000Z',
      data: serviceData.parse(input),
    };
  });
}
