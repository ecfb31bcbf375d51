import type { Msg } from '../../../platform/i18n/i18n.ts';

// The feedback card on the console's first page.

export const ar = {
  'dash.feedback.title': 'الملاحظات والشكاوى',
  'dash.feedback.open': {
    zero: 'لا حالات مفتوحة',
    one: 'حالة مفتوحة واحدة',
    two: 'حالتان مفتوحتان',
    few: '{count} حالات مفتوحة',
    other: '{count} حالة مفتوحة',
  },
  'dash.feedback.breached': {
    zero: 'لا تجاوز لمستوى الخدمة',
    one: 'حالة واحدة تجاوزت مستوى الخدمة',
    two: 'حالتان تجاوزتا مستوى الخدمة',
    few: '{count} حالات تجاوزت مستوى الخدمة',
    other: '{count} حالة تجاوزت مستوى الخدمة',
  },
  'dash.feedback.csat': 'رضا المستفيدين في آخر {days} يوماً: {rate}',
  'dash.feedback.link': 'صندوق الحالات',
} satisfies Record<string, Msg>;

export const en: { [K in keyof typeof ar]: Msg } = {
  'dash.feedback.title': 'Feedback and complaints',
  'dash.feedback.open': { zero: 'no open cases', one: '1 open case', other: '{count} open cases' },
  'dash.feedback.breached': {
    zero: 'no service levels breached',
    one: '1 case past its service level',
    other: '{count} cases past their service level',
  },
  'dash.feedback.csat': 'satisfaction in the last {days} days: {rate}',
  'dash.feedback.link': 'Case inbox',
};
