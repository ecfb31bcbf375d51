import type { MessageKey } from '../../messages.ts';
import { ar as arCatalog, en as enCatalog } from '../../messages.ts';

export const langs = ['ar', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'ar';

/** A message: a string with {placeholders}, or plural forms chosen by Intl.PluralRules on `count`. */
export type Msg = string | { zero?: string; one?: string; two?: string; few?: string; many?: string; other: string };
export type Catalog = Record<string, Msg>;
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

const catalogs: Record<Lang, Record<string, Msg>> = { ar: arCatalog, en: enCatalog };
const plural: Record<Lang, Intl.PluralRules> = { ar: new Intl.PluralRules('ar'), en: new Intl.PluralRules('en') };

export const isLang = (v: unknown): v is Lang => v === 'ar' || v === 'en';
export const dir = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
export const otherLang = (lang: Lang): Lang => (lang === 'ar' ? 'en' : 'ar');

/** Translates a key into `lang`, filling {placeholders}; numbers are formatted for the language. */
export function translate(lang: Lang, key: MessageKey | string, params?: Params): string {
  const msg = catalogs[lang][key];
  if (msg === undefined) return key;
  let text: string;
  if (typeof msg === 'string') text = msg;
  else {
    // Plural forms follow `count`, or else the first number among the parameters (e.g. {min}).
    const count = Number(params?.count ?? Object.values(params ?? {}).find((v) => typeof v === 'number') ?? 0);
    const form = count === 0 && msg.zero ? 'zero' : plural[lang].select(count);
    text = (msg as Record<string, string | undefined>)[form] ?? msg.other;
  }
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    if (v === undefined) return m;
    return typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

/** A translator bound to one language. */
export function translator(lang: Lang): T {
  return (key, params) => translate(lang, key, params);
}

/** The same text in both languages, for bilingual API errors and emails. */
export function bilingual(key: MessageKey, params?: Params): { ar: string; en: string } {
  return { ar: translate('ar', key, params), en: translate('en', key, params) };
}

/** Whether a catalog has the key (used by tests and by code that shows optional labels). */
export function hasMessage(lang: Lang, key: string): boolean {
  return key in catalogs[lang];
}

export const catalogKeys = (lang: Lang) => Object.keys(catalogs[lang]);

const numberFormats = {
  ar: new Intl.NumberFormat('ar-SA-u-nu-arab', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** A number written the way the language writes it (Arabic-Indic digits in Arabic). */
export function formatNumber(lang: Lang, n: number, options?: Intl.NumberFormatOptions): string {
  if (!options) return numberFormats[lang].format(n);
  return new Intl.NumberFormat(lang === 'ar' ? 'ar-SA-u-nu-arab' : 'en-GB', options).format(n);
}

/** Picks the field of a bilingual record in the page's language, falling back to the other. */
export function pick<T extends Record<string, unknown>>(lang: Lang, record: T, field: string): string {
  const own = record[`${field}_${lang}`];
  if (typeof own === 'string' && own) return own;
  const other = record[`${field}_${otherLang(lang)}`];
  return typeof other === 'string' ? other : '';
}
