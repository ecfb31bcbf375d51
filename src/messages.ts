// MessageKey comes from `keyof` the Arabic JSON files (the platform's and each manifest's
// `messages.ar`) rather than from a generated .ts file: nothing to regenerate or to forget, and a
// misspelt or missing key is a compile error the moment ar.json changes. The platform imports only
// this type; the catalogs themselves are merged and installed by the module list (src/modules.ts).
import { messages, type modules } from './modules.ts';
import type platformAr from './platform/i18n/messages/ar.json';
import type { MessagesOf } from './platform/module.ts';

/** Every message key: the platform's and each module's Arabic catalog's. */
export type MessageKey = (keyof typeof platformAr | keyof MessagesOf<typeof modules>) & string;

export { catalogs } from './modules.ts';

/** Every message by key, merged from the platform and the modules (for tests and tools). */
export const ar = messages.ar as Record<MessageKey, string>;
export const en = messages.en as Record<MessageKey, string>;
