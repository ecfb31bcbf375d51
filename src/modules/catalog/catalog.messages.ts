import type { Msg } from '../../platform/i18n/i18n.ts';

export const ar = {
  'portal.home.title': 'الخدمات الحكومية الإلكترونية',
  'portal.home.lead': 'ابحث عن الخدمة التي تحتاجها من أي جهة حكومية، وابدأها مباشرة.',
} satisfies Record<string, Msg>;

export const en: { [K in keyof typeof ar]: Msg } = {
  'portal.home.title': 'Government e-services',
  'portal.home.lead': 'Find the service you need from any government agency, and start it straight away.',
};
