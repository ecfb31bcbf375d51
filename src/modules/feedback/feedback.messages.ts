import type { Msg } from '../../platform/i18n/i18n.ts';
import * as admin from './messages/admin.ts';
import * as consoleText from './messages/console.ts';
import * as dashboard from './messages/dashboard.ts';
import * as email from './messages/email.ts';
import * as publicText from './messages/public.ts';

/** Every feedback string, Arabic first; split by audience to keep each file readable. */
export const ar = { ...publicText.ar, ...consoleText.ar, ...admin.ar, ...email.ar, ...dashboard.ar };
export const en: { [K in keyof typeof ar]: Msg } = { ...publicText.en, ...consoleText.en, ...admin.en, ...email.en, ...dashboard.en };
