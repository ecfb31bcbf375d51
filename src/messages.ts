import * as catalog from './modules/catalog/catalog.messages.ts';
import * as console from './modules/console/console.messages.ts';
import * as identity from './modules/identity/identity.messages.ts';
import * as platform from './platform/i18n/platform.messages.ts';

/** Every UI message, Arabic first; each module keeps its own catalog beside its code. */
export const ar = { ...platform.ar, ...identity.ar, ...console.ar, ...catalog.ar };
export const en: Record<MessageKey, import('./platform/i18n/i18n.ts').Msg> = {
  ...platform.en,
  ...identity.en,
  ...console.en,
  ...catalog.en,
};
export type MessageKey = keyof typeof ar;
