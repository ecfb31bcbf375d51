import type { Msg } from '../../../platform/i18n/i18n.ts';

// The measurement card on the console's first page.

export const ar = {
  'dash.measure.title': 'قياس التحول: الجهات التي سلّمت',
  'dash.measure.open': 'الجولة «{name}» مفتوحة حتى {date}',
  'dash.measure.none': 'لا توجد جولة قياس مفتوحة.',
  'dash.measure.link': 'جولات القياس',
} satisfies Record<string, Msg>;

export const en: { [K in keyof typeof ar]: Msg } = {
  'dash.measure.title': 'Transformation measurement: agencies submitted',
  'dash.measure.open': 'Round “{name}” is open until {date}',
  'dash.measure.none': 'No measurement round is open.',
  'dash.measure.link': 'Measurement rounds',
};
