// Builds src/platform/search/lexicon/plurals.arramooz.tsv (broken plural → singular, both in the
// analyzer's normal form) from the Arramooz Arabic dictionary (Taha Zerrouki, GPL-2.0-or-later;
// see src/platform/search/lexicon/SOURCE.md). The product never runs this; it reads the TSV.
//
//   git clone https://github.com/linuxscout/arramooz /tmp/arramooz
//   git -C /tmp/arramooz checkout b055c5d          # the revision the shipped file was built from
//   node --import tsx scripts/build-plural-lexicon.ts /tmp/arramooz
//
// What it keeps, and why:
// - pairs from both directions of the noun tables (data/nouns/*.csv): a singular's «الجمع» column
//   (broken plurals only: the "+ات"/"+ون" marks of sound plurals are the light stemmer's job) and a
//   plural row's «مفرد» column;
// - only pairs the light stemmer does not already join (different stems), words of Arabic letters;
// - false friends out, conservatively: a plural whose spelling without vowels is also a basic noun
//   or verbal noun of the dictionary (jamid, masdar tables: «إحكام» beside «أحكام» once hamza is
//   folded, «كتاب» "book" beside «كُتّاب» "writers"), or is a lemma seen 1,000+ times in the
//   dictionary's corpus counts (data/nouns/wordfreq.csv: «حسب», «بلد», «جهاز»), is left out. This
//   drops some good plurals too; plurals.yusr.tsv puts back the ones government services use;
// - and a plural of the pattern فَعَلَة left out when, without its final ه, it is a lemma seen 300+
//   times: «كتبه» "writers" is far more often «كتب» + ه "his books", «نفسه» "himself"; likewise a
//   "plural" that is the article + a common word (the table lists «الزوجة» as a plural of «رفيق»);
// - one singular per plural: the most frequent in the corpus counts.
// Hand-written corrections and government-service additions live in plurals.yusr.tsv, which the
// lexicon reads after this file (its entries win).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normalizeArabic, stemArabic } from '../src/platform/search/analyzer.ts';

const TABLES = ['jamid', 'masdar', 'fa3il', 'maf3oul', 'moubalagha', 'mouchabbaha', 'sifates', 'tafdil', 'mansoub'];
const MARKS = /[\u0640\u064B-\u065F\u0670]/g;
const ARABIC_WORD = /^[\u0621-\u064A]+$/;

const norm = (s: string) => normalizeArabic(s.trim());
const HOMOGRAPH_COUNT = 1000;
const SUFFIXED_HOMOGRAPH_COUNT = 300;

function rows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
}

export function build(dir: string): { lines: string[]; stats: Record<string, number> } {
  const plurals = new Map<string, string[]>();
  const otherEntries = new Set<string>();
  const add = (pluralVocal: string, singularVocal: string) => {
    const p = norm(pluralVocal);
    const s = norm(singularVocal);
    if (!ARABIC_WORD.test(p) || !ARABIC_WORD.test(s) || p.length < 3 || s.length < 2 || p === s) return;
    if (stemArabic(p) === stemArabic(s)) return;
    const singulars = plurals.get(p) ?? [];
    if (!singulars.includes(s)) singulars.push(s);
    plurals.set(p, singulars);
  };
  for (const table of TABLES) {
    for (const r of rows(join(dir, 'data', 'nouns', `${table}.csv`))) {
      if (r.length < 14) continue;
      const vocal = r[1].trim() || r[2].trim();
      if (r[11].trim() === 'جمع') {
        for (const s of r[13].split(/[;،,]/)) if (s.trim()) add(vocal, s);
      } else {
        if (table === 'jamid' || table === 'masdar') otherEntries.add(norm(vocal.replace(MARKS, '')));
        for (const p of r[12].split(';')) if (p.trim() && !p.trim().startsWith('+')) add(p, vocal);
      }
    }
  }
  // Corpus counts of lemmas, by spelling.
  const total = new Map<string, number>();
  for (const r of rows(join(dir, 'data', 'nouns', 'wordfreq.csv'))) {
    const n = Number(r[4]);
    if (!Number.isFinite(n)) continue;
    const w = norm(r[1]);
    total.set(w, (total.get(w) ?? 0) + n);
  }
  const stats = { candidates: plurals.size, homographs: 0, kept: 0 };
  const lines: string[] = [];
  for (const [p, singulars] of [...plurals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const falseFriend =
      (total.get(p) ?? 0) >= HOMOGRAPH_COUNT ||
      otherEntries.has(p) ||
      (p.endsWith('ه') && (total.get(p.slice(0, -1)) ?? 0) >= SUFFIXED_HOMOGRAPH_COUNT) ||
      (p.startsWith('ال') && (total.get(p.slice(2)) ?? 0) >= SUFFIXED_HOMOGRAPH_COUNT);
    if (falseFriend) {
      stats.homographs++;
      continue;
    }
    const singular = [...singulars].sort((a, b) => (total.get(b) ?? 0) - (total.get(a) ?? 0))[0];
    lines.push(`${p}\t${singular}`);
    stats.kept++;
  }
  return { lines, stats };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: node --import tsx scripts/build-plural-lexicon.ts <arramooz checkout>');
  const { lines, stats } = build(dir);
  const out = fileURLToPath(new URL('../src/platform/search/lexicon/plurals.arramooz.tsv', import.meta.url));
  const header = [
    '# Broken plural → singular, normalised as the search analyzer normalises (see SOURCE.md).',
    '# Generated by scripts/build-plural-lexicon.ts from Arramooz (linuxscout/arramooz b055c5d, GPL-2.0-or-later).',
    '# Do not edit: corrections go into plurals.yusr.tsv.',
  ];
  writeFileSync(out, `${[...header, ...lines].join('\n')}\n`);
  console.log(stats);
}
