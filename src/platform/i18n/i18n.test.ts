import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ar, en } from '../../messages.ts';
import { dualDate, dualDateText, hijriYear } from './dates.ts';
import { formatNumber, translate } from './i18n.ts';

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sourceFiles(p, out);
    else if (/\.(ts|tsx)$/.test(p) && !p.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('message catalogs', () => {
  it('every key exists in both Arabic and English, with text', () => {
    const arKeys = Object.keys(ar).sort();
    const enKeys = Object.keys(en).sort();
    assert.deepEqual(arKeys, enKeys);
    for (const k of Object.keys(ar) as (keyof typeof ar)[]) {
      assert.ok(ar[k].trim(), `ar ${k} is empty`);
      assert.ok(en[k].trim(), `en ${k} is empty`);
    }
  });

  it('every literal key the code translates is in the catalogs', () => {
    const used = new Set<string>();
    for (const f of sourceFiles('src')) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-z_]+\.[a-z0-9_.:]+)'/g)) used.add(m[1]);
      for (const m of text.matchAll(/\b(?:label|flash|key): '([a-z_]+\.[a-z0-9_.:]+)'/g)) used.add(m[1]);
    }
    assert.ok(used.size > 50, `found ${used.size} keys in the code`);
    const missing = [...used].filter((k) => !(k in ar));
    assert.deepEqual(missing, []);
  });

  it('Arabic Latin-script fragments stay out of Arabic text except names and codes', () => {
    // A cheap guard against an English sentence pasted into the Arabic catalog.
    const suspicious = Object.entries(ar).filter(([, v]) => /\b(the|and|with|your)\b/i.test(v));
    assert.deepEqual(suspicious, []);
  });
});

describe('translate', () => {
  it('fills placeholders and writes numbers the language way', () => {
    assert.equal(translate('en', 'pagination.page', { page: 12 }), 'Page 12');
    assert.equal(translate('ar', 'pagination.page', { page: 12 }), 'صفحة ١٢');
  });
  it('chooses Arabic plural forms', () => {
    assert.match(translate('ar', 'email.link_expires', { hours: 1, count: 1 }), /ساعة واحدة/);
    assert.match(translate('ar', 'email.link_expires', { hours: 2, count: 2 }), /ساعتين/);
    assert.match(translate('ar', 'email.link_expires', { hours: 5, count: 5 }), /٥ ساعات/);
    assert.match(translate('en', 'email.link_expires', { hours: 5, count: 5 }), /5 hours/);
  });
  it('formats numbers with Arabic-Indic digits in Arabic', () => {
    assert.equal(formatNumber('ar', 1234.5), '١٬٢٣٤٫٥');
    assert.equal(formatNumber('en', 1234.5), '1,234.5');
  });
});

describe('dates', () => {
  it('shows Umm al-Qura Hijri beside Gregorian', () => {
    // 1 Ramadan 1447 AH = 18 February 2026 (Umm al-Qura).
    const d = dualDate('en', '2026-02-18T09:00:00Z', 'Asia/Riyadh');
    assert.match(d.hijri, /Ramadan 1447/);
    assert.match(d.gregorian, /18 February 2026/);
    const a = dualDate('ar', '2026-02-18T09:00:00Z', 'Asia/Riyadh');
    assert.match(a.hijri, /رمضان ١٤٤٧/);
    assert.match(a.gregorian, /فبراير ٢٠٢٦/);
    assert.match(dualDateText('ar', '2026-02-18T09:00:00Z', 'Asia/Riyadh'), /هـ.*م\)$/);
  });
  it('puts the Gregorian era letter after the date, never glued to a time («ص م»)', () => {
    const text = dualDateText('ar', '2026-02-18T08:04:00Z', 'Asia/Riyadh', true);
    assert.match(text, /فبراير ٢٠٢٦م ١١:٠٤ ص\)$/);
    assert.doesNotMatch(text, /[صم]م/);
    assert.match(dualDateText('en', '2026-02-18T08:04:00Z', 'Asia/Riyadh', true), /^18 February 2026 at 11:04 \(/);
  });
  it('uses the configured time zone for the day boundary', () => {
    // 22:30 UTC on 17 Feb is already 18 Feb in Riyadh (UTC+3).
    assert.match(dualDate('en', '2026-02-17T22:30:00Z', 'Asia/Riyadh').gregorian, /18 February/);
    assert.match(dualDate('en', '2026-02-17T22:30:00Z', 'UTC').gregorian, /17 February/);
  });
  it('knows the Hijri year', () => {
    assert.equal(hijriYear(new Date('2026-11-28T12:00:00Z'), 'Asia/Riyadh'), 1448);
  });
});
