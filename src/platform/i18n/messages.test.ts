import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ar, catalogs, en } from '../../messages.ts';
import { compileMessage, type Lang, messageArguments, translate } from './i18n.ts';

type Element = ReturnType<ReturnType<typeof compileMessage>['getAst']>[number];
const keys = Object.keys(ar) as (keyof typeof ar)[];
const ast = (lang: Lang, text: string) => compileMessage(lang, text).getAst();

/** Every plural element of a message, nested ones included. */
function plurals(els: Element[], out: Extract<Element, { type: 6 }>[] = []) {
  for (const el of els) {
    if (el.type === 6) out.push(el);
    if (el.type === 5 || el.type === 6) for (const option of Object.values(el.options)) plurals(option.value, out);
  }
  return out;
}

const signature = (lang: Lang, text: string) =>
  Object.fromEntries([...messageArguments(ast(lang, text))].map(([name, types]) => [name, [...types].sort().join('+')]).sort());

describe('ICU message catalogs', () => {
  it('has every key in both languages', () => {
    assert.deepEqual(Object.keys(en).sort(), [...keys].sort());
    for (const [name, c] of Object.entries(catalogs)) {
      assert.deepEqual(Object.keys(c.en).sort(), Object.keys(c.ar).sort(), `${name}: ar.json and en.json have different keys`);
    }
  });

  it('defines each key in one catalog only', () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const [name, c] of Object.entries(catalogs)) {
      for (const key of Object.keys(c.ar)) {
        if (owner.has(key)) twice.push(`${key} (${owner.get(key)} and ${name})`);
        owner.set(key, name);
      }
    }
    assert.deepEqual(twice, []);
  });

  it('parses both languages and uses the same arguments with the same types', () => {
    const differ: string[] = [];
    for (const key of keys) {
      const a = signature('ar', ar[key]);
      const e = signature('en', en[key]);
      if (JSON.stringify(a) !== JSON.stringify(e)) differ.push(`${key}: ar ${JSON.stringify(a)} en ${JSON.stringify(e)}`);
    }
    assert.deepEqual(differ, []);
  });

  it('shows a plural count through # or {x, number}, never as a bare {x} (which would keep Latin digits)', () => {
    const mixed = keys.flatMap((key) =>
      (['ar', 'en'] as const).flatMap((lang) =>
        [...messageArguments(ast(lang, lang === 'ar' ? ar[key] : en[key]))]
          .filter(([, types]) => types.has('argument') && types.size > 1)
          .map(([name]) => `${lang} ${key} {${name}}`),
      ),
    );
    assert.deepEqual(mixed, []);
  });

  it('gives every Arabic plural all six categories, and English one and other', () => {
    const missing: string[] = [];
    let seen = 0;
    for (const key of keys) {
      for (const p of plurals(ast('ar', ar[key]))) {
        seen++;
        for (const c of ['zero', 'one', 'two', 'few', 'many', 'other']) if (!p.options[c]) missing.push(`ar ${key} ${c}`);
      }
      for (const p of plurals(ast('en', en[key]))) for (const c of ['one', 'other']) if (!p.options[c]) missing.push(`en ${key} ${c}`);
    }
    assert.ok(seen >= 30, `found ${seen} Arabic plurals`);
    assert.deepEqual(missing, []);
  });

  it('writes counts in Arabic text with Arabic-Indic digits: a Latin digit belongs to a code, a format, a standard or an example to type', () => {
    // Literal text only (placeholders render their numbers in the page's digits already).
    const literals = (els: Element[], out: string[] = []) => {
      for (const el of els) {
        if (el.type === 0) out.push(el.value);
        if (el.type === 5 || el.type === 6) for (const option of Object.values(el.options)) literals(option.value, out);
      }
      return out;
    };
    const EXAMPLE = /^(مثل|مثل:|بصيغة|الصيغة|اكتب)$/;
    const latin = [];
    for (const key of keys) {
      for (const text of literals(ast('ar', ar[key]))) {
        let example = false; // inside an example: "مثل ‎+966 11 000 0000"
        let before = '';
        for (const word of text.split(/\s+/)) {
          if (/[0-9]/.test(word)) {
            // A code, a time, a version, a date, a standard's number ("ISO 8601"), quoted input («1,234»).
            const literal = /[A-Za-z:./+§_=-]/.test(word) || word.startsWith('«') || /[A-Za-z]\)?$/.test(before);
            example = example || literal || EXAMPLE.test(before);
            if (!example) latin.push(`${key}: ${word}`);
          } else example = false;
          before = word.replace(/^[(«]/, '');
        }
      }
    }
    assert.deepEqual(latin, []);
  });
});

describe('rendering', () => {
  it('chooses the Arabic plural category for 0, 1, 2, 3, 11 and 100', () => {
    const services = [0, 1, 2, 3, 11, 100].map((count) => translate('ar', 'portal.services_count', { count }));
    assert.deepEqual(services, ['لا توجد خدمات', 'خدمة واحدة', 'خدمتان', '٣ خدمات', '١١ خدمة', '١٠٠ خدمة']);
    const months = [0, 1, 2, 3, 11, 100].map((count) => translate('ar', 'duration.months', { count }));
    assert.deepEqual(months, ['٠ شهر', 'شهر', 'شهران', '٣ أشهر', '١١ شهراً', '١٠٠ شهر']);
    assert.equal(translate('ar', 'duration.months', { count: 103 }), '١٠٣ أشهر');
  });

  it('chooses English one, other and an exact zero', () => {
    const services = [0, 1, 2, 11].map((count) => translate('en', 'portal.services_count', { count }));
    assert.deepEqual(services, ['No services', '1 service', '2 services', '11 services']);
  });

  it('picks the plural on the argument the message names, not on the first number', () => {
    assert.equal(translate('en', 'dash.notify.detail', { silent: 3, count: 1 }), '3 of 1 launched service went unannounced');
    assert.equal(translate('ar', 'notify.dash.silent_of', { launched: 2 }), 'من خدمتين أُطلقتا في الفترة لم يُعلَن عنهما');
  });

  it('writes numbers with Arabic-Indic digits in Arabic, whether shown as # or as {name}', () => {
    assert.equal(translate('ar', 'pagination.page', { page: 1234 }), 'صفحة ١٬٢٣٤');
    assert.equal(translate('en', 'pagination.page', { page: 1234 }), 'Page 1,234');
    assert.equal(translate('ar', 'feedback.hours', { count: 2.5 }), '٢٫٥ ساعة عمل');
    assert.equal(translate('ar', 'dash.notify.detail', { silent: 12, count: 40 }), '١٢ دون إعلان من أصل ٤٠ خدمة أُطلقت');
  });

  it('keeps strings as given and < and apostrophes literal', () => {
    assert.equal(translate('en', 'pagination.page', { page: "<b>'x'</b>" }), "Page <b>'x'</b>");
    assert.equal(translate('en', 'agency.public.services'), "The agency's services");
  });

  it('leaves a placeholder the caller did not fill as it was, and an unknown key as the key', () => {
    assert.equal(translate('en', 'pagination.page'), 'Page {page}');
    assert.equal(translate('en', 'no.such.key' as 'pagination.page'), 'no.such.key');
  });
});
