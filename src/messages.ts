// MessageKey comes from `keyof typeof` the Arabic JSON imports rather than from a generated .ts file:
// nothing to regenerate or to forget, and a misspelt or missing key is a compile error the moment ar.json changes.
import catalogAr from './modules/catalog/messages/ar.json' with { type: 'json' };
import catalogEn from './modules/catalog/messages/en.json' with { type: 'json' };
import consoleAr from './modules/console/messages/ar.json' with { type: 'json' };
import consoleEn from './modules/console/messages/en.json' with { type: 'json' };
import feedbackAr from './modules/feedback/messages/ar.json' with { type: 'json' };
import feedbackEn from './modules/feedback/messages/en.json' with { type: 'json' };
import identityAr from './modules/identity/messages/ar.json' with { type: 'json' };
import identityEn from './modules/identity/messages/en.json' with { type: 'json' };
import measureAr from './modules/measure/messages/ar.json' with { type: 'json' };
import measureEn from './modules/measure/messages/en.json' with { type: 'json' };
import notifyAr from './modules/notify/messages/ar.json' with { type: 'json' };
import notifyEn from './modules/notify/messages/en.json' with { type: 'json' };
import planAr from './modules/plan/messages/ar.json' with { type: 'json' };
import planEn from './modules/plan/messages/en.json' with { type: 'json' };
import platformAr from './platform/i18n/messages/ar.json' with { type: 'json' };
import platformEn from './platform/i18n/messages/en.json' with { type: 'json' };

/** Each catalog pair (ICU MessageFormat, one JSON file per language); a test checks no key is in two of them. */
export const catalogs = {
  platform: { ar: platformAr, en: platformEn },
  identity: { ar: identityAr, en: identityEn },
  console: { ar: consoleAr, en: consoleEn },
  catalog: { ar: catalogAr, en: catalogEn },
  feedback: { ar: feedbackAr, en: feedbackEn },
  measure: { ar: measureAr, en: measureEn },
  notify: { ar: notifyAr, en: notifyEn },
  plan: { ar: planAr, en: planEn },
};

/** Every UI message, Arabic first. */
export const ar = { ...platformAr, ...identityAr, ...consoleAr, ...catalogAr, ...feedbackAr, ...measureAr, ...notifyAr, ...planAr };
export type MessageKey = keyof typeof ar;
export const en: Record<MessageKey, string> = {
  ...platformEn,
  ...identityEn,
  ...consoleEn,
  ...catalogEn,
  ...feedbackEn,
  ...measureEn,
  ...notifyEn,
  ...planEn,
};
