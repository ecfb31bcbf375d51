import { dayEnd, dayStart } from '../../platform/i18n/dates.ts';
import type { AutoReading } from './automatic.service.ts';
import type { RoundRow } from './repo/rounds.repo.ts';
import type { QuestionNode } from './scoring/framework.schema.ts';
import type { Value } from './values.ts';

// How the demo agencies answer: a fixed capability per agency and a hash of (agency, question),
// so every load gives the same numbers and the rankings and stages are spread out.

/** A deterministic number in [0, 1) from a string (FNV-1a). */
export function unit(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0) / 2 ** 32;
}

/** Program leaders score high and newer bodies lower; everyone else falls where the hash puts them. */
const LEADERS: Record<string, number> = {
  dga: 0.93,
  sdaia: 0.9,
  zatca: 0.88,
  nic: 0.86,
  gosi: 0.84,
  moi: 0.82,
  mc: 0.8,
  moj: 0.74,
  moh: 0.66,
};
export const capability = (code: string) => LEADERS[code] ?? 0.18 + unit(`cap:${code}`) * 0.62;
export const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

export function demoValue(q: QuestionNode, code: string, c: number, salt: string): { value: Value; na: boolean } {
  const r = unit(`${salt}:${code}:${q.key}`);
  if (q.allow_na && r < 0.08) return { value: null, na: true };
  const x = clamp(c + (r - 0.5) * 0.5);
  switch (q.answer_type) {
    case 'yes_no':
      return { value: r < c + 0.1, na: false };
    case 'levels': {
      const levels = q.levels ?? [];
      return { value: levels[Math.round(x * (levels.length - 1))].key, na: false };
    }
    case 'percentage':
      return { value: Math.round(x * 100), na: false };
    case 'number': {
      const s = q.scale as NonNullable<QuestionNode['scale']>;
      const f = s.direction === 'higher_better' ? x : 1 - x;
      return { value: Math.round((s.min + (s.max - s.min) * f) * 10) / 10, na: false };
    }
    default:
      return { value: null, na: false };
  }
}

/** A plausible frozen reading of an automatic source for the past round (its data predates this database). */
export function pastReading(q: QuestionNode, code: string, c: number, round: RoundRow, tz: string): AutoReading {
  const s = q.scale as NonNullable<QuestionNode['scale']>;
  const x = clamp(c + (unit(`auto:${code}:${q.key}`) - 0.5) * 0.4);
  const rate = s.direction === 'higher_better' ? s.min + (s.max - s.min) * x : s.max - (s.max - s.min) * x;
  const denominator = 12 + Math.floor(unit(`den:${code}:${q.key}`) * 60);
  const numerator = Math.round(clamp(rate) * denominator);
  const at = new Date(Date.parse(round.closes_at) - 3 * 86_400_000).toISOString();
  return {
    source: q.automatic?.source ?? '',
    available: true,
    numerator,
    denominator,
    rate: numerator / denominator,
    from: dayStart(round.period_from, tz),
    to: dayEnd(round.period_to, tz),
    computed_at: at,
    frozen_at: at,
  };
}

/**
 * A one-page PDF standing in for an agency's evidence document (the demo never ships real
 * government files): the agency, the question it supports and the round, in the PDF's standard
 * Helvetica, so any viewer opens it and the upload sniffer accepts it as the PDF it is.
 */
export function evidencePdf(agency: string, question: string, round: string): Buffer {
  const esc = (s: string) => s.replace(/[^\x20-\x7e]/g, '?').replace(/([\\()])/g, '\\$1');
  const lines = [
    'Yusr demo evidence document',
    '',
    `Agency: ${agency}`,
    `Measurement round: ${round}`,
    `Supports the answer to: ${question}`,
    '',
    'This file was generated with the demo data; it is not a real government document.',
  ];
  const stream = `BT /F1 12 Tf 56 780 Td 16 TL ${lines.map((l) => `(${esc(l)}) Tj T*`).join(' ')} ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
