import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MessageKey } from '../../messages.ts';
import type { Actor } from '../auth/actor.ts';
import { type DualDate, dualDate, zoneName } from '../i18n/dates.ts';
import { dir, formatNumber, type Lang, type T, translate } from '../i18n/i18n.ts';
import type { NavItem, NavRegistry } from './nav.ts';

/** What every component may read while a page renders. */
export interface PageCtx {
  lang: Lang;
  dir: 'rtl' | 'ltr';
  t: T;
  actor: Actor;
  csrf: string;
  /** The current path without its language prefix, e.g. `/console/agencies?page=2`. */
  path: string;
  timeZone: string;
  /** The time zone as people name it in the page's language (never the IANA code). */
  zoneName: string;
  flash: MessageKey | null;
  date(iso: string | Date, withTime?: boolean): DualDate;
  num(n: number, options?: Intl.NumberFormatOptions): string;
  /** A link in the page's language: href('/console') → '/ar/console'. */
  href(path: string): string;
  /** The header navigation entries of an area this page's actor may see. */
  nav(area: NavItem['area']): NavItem[];
}

/** Zone names by language and zone: ICU builds a formatter to name one, and every page asks for its own. */
const zoneNames = new Map<string, string>();
function zoneNameOf(lang: Lang, timeZone: string): string {
  const key = `${lang}|${timeZone}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    name = zoneName(lang, timeZone);
    zoneNames.set(key, name);
  }
  return name;
}

/**
 * A page's translator: a message without arguments is the same text on every page, so it is
 * formatted once per language and kept (a page asks for dozens of them); with arguments, anew.
 */
const plainTexts: Record<Lang, Map<MessageKey, string>> = { ar: new Map(), en: new Map() };
const pageTranslators: Record<Lang, T> = {
  ar: (key, params) => pageText('ar', key, params),
  en: (key, params) => pageText('en', key, params),
};
function pageText(lang: Lang, key: MessageKey, params?: Parameters<T>[1]): string {
  if (params) return translate(lang, key, params);
  const texts = plainTexts[lang];
  let text = texts.get(key);
  if (text === undefined) {
    text = translate(lang, key);
    // Keys are the catalog's (a few thousand); the bound only guards against keys made up elsewhere.
    if (texts.size >= 20_000) texts.clear();
    texts.set(key, text);
  }
  return text;
}

export function makePageCtx(opts: {
  lang: Lang;
  actor: Actor;
  csrf: string;
  path: string;
  timeZone: string;
  flash?: MessageKey | null;
  /** The app's navigation; none in emails and previews. */
  nav?: NavRegistry;
}): PageCtx {
  const { lang, timeZone, nav, ...rest } = opts;
  return {
    ...rest,
    lang,
    timeZone,
    zoneName: zoneNameOf(lang, timeZone),
    flash: opts.flash ?? null,
    dir: dir(lang),
    t: pageTranslators[lang],
    date: (iso, withTime = false) => dualDate(lang, iso, timeZone, withTime),
    num: (n, options) => formatNumber(lang, n, options),
    href: (p) => `/${lang}${p.startsWith('/') ? p : `/${p}`}`,
    nav: (area) => nav?.items(area, opts.actor) ?? [],
  };
}

export const Page = createContext<PageCtx>(null as unknown as PageCtx);
/** The current page's context (language, translator, actor, CSRF token…). */
export const usePage = () => useContext(Page);
