import { type Formatters, IntlMessageFormat } from 'intl-messageformat';
import type { MessageKey } from '../../messages.ts';

export const langs = ['ar', 'en'] as const;
export type Lang = (typeof langs)[number];
export const defaultLang: Lang = 'ar';

/** A catalog: key → ICU MessageFormat text. */
export type Catalog = Record<string, string>;
export type Params = Record<string, string | number>;
export type T = (key: MessageKey, params?: Params) => string;

// The platform knows no module: the composition root (src/modules.ts) installs every module's
// catalogs once, when it is loaded, before any request or job runs.
let catalogs: Record<Lang, Catalog> = { ar: {}, en: {} };

/** Installs the application's messages (the platform's and every module's, merged); called by src/modules.ts. */
export function installMessages(next: Record<Lang, Catalog>): void {
  catalogs = next;
  compiled.ar.clear();
  compiled.en.clear();
}
/** Locales for ICU formatting: Arabic-Indic digits in Arabic. */
export const messageLocales: Record<Lang, string> = { ar: 'ar-SA-u-nu-arab', en: 'en-GB' };

export const isLang = (v: unknown): v is Lang => v === 'ar' || v === 'en';
export const dir = (lang: Lang): 'rtl' | 'ltr' => (lang === 'ar' ? 'rtl' : 'ltr');
export const otherLang = (lang: Lang): Lang => (lang === 'ar' ? 'en' : 'ar');

type Element = ReturnType<IntlMessageFormat['getAst']>[number];
/** A compiled message and the arguments it shows as given ({name}), which get the language's digits when numbers. */
type Compiled = { format: IntlMessageFormat; plain: string[] };

// ICU's default number format keeps three decimals; Yusr writes at most two (as formatNumber does).
const numberFormatCache = new Map<string, Intl.NumberFormat>();
const pluralRulesCache = new Map<string, Intl.PluralRules>();
const dateFormatCache = new Map<string, Intl.DateTimeFormat>();
const cached = <V>(cache: Map<string, V>, key: string, make: () => V): V => {
  const hit = cache.get(key);
  if (hit) return hit;
  const made = make();
  cache.set(key, made);
  return made;
};
const formatters: Formatters = {
  // intl-messageformat's option type adds newer values (trailingZeroDisplay) that Node's lib types lack.
  getNumberFormat: (locales, opts) =>
    cached(
      numberFormatCache,
      JSON.stringify([locales, opts]),
      () => new Intl.NumberFormat(locales, (opts as Intl.NumberFormatOptions) ?? { maximumFractionDigits: 2 }),
    ),
  getPluralRules: (locales, opts) => cached(pluralRulesCache, JSON.stringify([locales, opts]), () => new Intl.PluralRules(locales, opts)),
  getDateTimeFormat: (locales, opts) =>
    cached(dateFormatCache, JSON.stringify([locales, opts]), () => new Intl.DateTimeFormat(locales, opts)),
};

/** Parses one ICU message (no rich-text tags: `<` stays literal). */
export function compileMessage(lang: Lang, text: string): IntlMessageFormat {
  return new IntlMessageFormat(text, messageLocales[lang], undefined, { ignoreTag: true, formatters });
}

/** The arguments of a message by name, with their ICU type (argument, number, plural, select…), nested ones included. */
export function messageArguments(ast: Element[], out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  const note = (name: string, type: string) => {
    const types = out.get(name) ?? new Set<string>();
    types.add(type);
    out.set(name, types);
  };
  for (const el of ast) {
    if (el.type === 1) note(el.value, 'argument');
    else if (el.type === 2) note(el.value, 'number');
    else if (el.type === 3 || el.type === 4) note(el.value, el.type === 3 ? 'date' : 'time');
    else if (el.type === 5 || el.type === 6) {
      note(el.value, el.type === 5 ? 'select' : el.pluralType === 'ordinal' ? 'selectordinal' : 'plural');
      for (const option of Object.values(el.options)) messageArguments(option.value, out);
    }
  }
  return out;
}

// Compiled once per language and key, on first use.
const compiled: Record<Lang, Map<string, Compiled>> = { ar: new Map(), en: new Map() };

function compiledMessage(lang: Lang, key: string): Compiled | undefined {
  let c = compiled[lang].get(key);
  if (c) return c;
  if (!Object.hasOwn(catalogs[lang], key)) return undefined;
  const format = compileMessage(lang, catalogs[lang][key]);
  const args = messageArguments(format.getAst());
  c = { format, plain: [...args].filter(([, types]) => types.size === 1 && types.has('argument')).map(([name]) => name) };
  compiled[lang].set(key, c);
  return c;
}

/** Translates a key into `lang` (ICU MessageFormat); numbers shown as {name} are written the language's way. */
export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const c = compiledMessage(lang, key);
  if (!c) return key;
  const values: Record<string, string | number> = { ...params };
  for (const name of c.plain) {
    const v = values[name];
    if (v === undefined) values[name] = `{${name}}`;
    else if (typeof v === 'number') values[name] = formatNumber(lang, v);
  }
  return String(c.format.format(values));
}

/** A translator bound to one language. */
export function translator(lang: Lang): T {
  return (key, params) => translate(lang, key, params);
}

/** The same text in both languages, for bilingual API errors and emails. */
export function bilingual(key: MessageKey, params?: Params): { ar: string; en: string } {
  return { ar: translate('ar', key, params), en: translate('en', key, params) };
}

/** Whether a catalog has the key: narrows a string that came from outside (a cookie, a schema message) to a MessageKey. */
export function hasMessage(lang: Lang, key: string): key is MessageKey {
  return Object.hasOwn(catalogs[lang], key);
}

export const catalogKeys = (lang: Lang) => Object.keys(catalogs[lang]) as MessageKey[];

/**
 * The key an explicit map gives a value that comes as a plain string (a search facet, a stored code):
 * undefined when the value is not in the map. Keys are never built from values.
 */
export function keyFor<V extends PropertyKey>(keys: Record<V, MessageKey>, value: string | number): MessageKey | undefined {
  return Object.hasOwn(keys, value) ? keys[value as V] : undefined;
}

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
