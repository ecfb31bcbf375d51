import type { Msg } from '../../platform/i18n/i18n.ts';
import * as answers from './messages/answers.ts';
import * as dashboard from './messages/dashboard.ts';
import * as frameworks from './messages/frameworks.ts';
import * as results from './messages/results.ts';
import * as rounds from './messages/rounds.ts';

/** Every measure string, Arabic first; split by part of the module to keep each file readable. */
export const ar = { ...frameworks.ar, ...rounds.ar, ...answers.ar, ...results.ar, ...dashboard.ar };
export const en: { [K in keyof typeof ar]: Msg } = { ...frameworks.en, ...rounds.en, ...answers.en, ...results.en, ...dashboard.en };
