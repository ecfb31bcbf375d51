import * as catalog from './modules/catalog/catalog.messages.ts';
import * as console from './modules/console/console.messages.ts';
import * as feedback from './modules/feedback/feedback.messages.ts';
import * as identity from './modules/identity/identity.messages.ts';
import * as measure from './modules/measure/measure.messages.ts';
import * as notify from './modules/notify/notify.messages.ts';
import * as platform from './platform/i18n/platform.messages.ts';

/** Every UI message, Arabic first; each module keeps its own catalog beside its code. */
export const ar = { ...platform.ar, ...identity.ar, ...console.ar, ...catalog.ar, ...feedback.ar, ...measure.ar, ...notify.ar };
export const en: Record<MessageKey, import('./platform/i18n/i18n.ts').Msg> = {
  ...platform.en,
  ...identity.en,
  ...console.en,
  ...catalog.en,
  ...feedback.en,
  ...measure.en,
  ...notify.en,
};
export type MessageKey = keyof typeof ar;
