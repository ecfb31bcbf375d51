import type { Client } from '../../../test/helpers/client.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { importFramework, publishFramework } from './frameworks.service.ts';
import { createRound, openRound } from './rounds.service.ts';
import { type Framework, questionsOf } from './scoring/framework.schema.ts';

// Builders the measure tests share: a small framework with every answer type, a round on it,
// and form bodies that answer a whole framework the way a person would.

/** A small framework: two perspectives, every answer type, N/A, a cap, required evidence and an automatic indicator. */
export function smallFrameworkJson(version = '1') {
  const q = (key: string, answer_type: string, extra: Record<string, unknown> = {}) => ({
    key,
    type: 'question',
    name_ar: `سؤال ${key}`,
    name_en: `Question ${key}`,
    weight: 1,
    answer_type,
    ...extra,
  });
  return {
    id: 'small',
    version,
    name_ar: 'إطار صغير',
    name_en: 'Small framework',
    settings: {
      scale_max: 100,
      decimals: 2,
      stages: [
        { key: 'building', name_ar: 'البناء', name_en: 'Building', min: 0 },
        { key: 'availability', name_ar: 'الإتاحة', name_en: 'Availability', min: 25 },
        { key: 'integration', name_ar: 'التكامل', name_en: 'Integration', min: 50 },
        { key: 'excellence', name_ar: 'التميز', name_en: 'Excellence', min: 75 },
      ],
    },
    nodes: [
      {
        key: 'infra',
        type: 'perspective',
        name_ar: 'البنية',
        name_en: 'Infrastructure',
        weight: 2,
        children: [
          q('q.yes', 'yes_no', { weight: 1 }),
          q('q.pct', 'percentage', { weight: 2, evidence: { required: true, description_en: 'A list', description_ar: 'قائمة' } }),
          q('q.na', 'yes_no', { allow_na: true }),
        ],
      },
      {
        key: 'services',
        type: 'perspective',
        name_ar: 'الخدمات',
        name_en: 'Services',
        weight: 1,
        children: [
          q('q.level', 'levels', {
            levels: [
              { key: 'none', name_ar: 'لا', name_en: 'None', score: 0 },
              { key: 'some', name_ar: 'بعض', name_en: 'Some', score: 0.5 },
              { key: 'all', name_ar: 'كل', name_en: 'All', score: 1 },
            ],
          }),
          q('q.days', 'number', { scale: { min: 0, max: 30, direction: 'lower_better', cap: 20 } }),
          q('q.auto', 'automatic', {
            automatic: { source: 'catalog.transactional_share' },
            scale: { min: 0, max: 1, direction: 'higher_better' },
          }),
        ],
      },
    ],
  };
}

/** Imports and publishes a framework as the system (tests of later steps start from here). */
export async function publishedFramework(deps: Deps, json: unknown = smallFrameworkJson()) {
  const row = await importFramework(deps, systemCtx('test'), JSON.stringify(json));
  await publishFramework(deps, systemCtx('test'), row.id);
  return row;
}

/** An open round on a framework for the given agencies, open from yesterday until `closesInDays` from now. */
export async function openedRound(
  deps: Deps,
  frameworkId: number,
  agencyIds: number[],
  opts: { code?: string; closesInDays?: number } = {},
) {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const round = await createRound(deps, systemCtx('test'), {
    code: opts.code ?? `r-${Math.random().toString(36).slice(2, 8)}`,
    name_ar: 'جولة اختبار',
    name_en: 'Test round',
    framework_id: String(frameworkId),
    period_from: day(-365),
    period_to: day(-1),
    opens_on: day(-1),
    closes_on: day(opts.closesInDays ?? 30),
    reminder_days: '7, 1',
    agency_ids: agencyIds.map(String),
  });
  await openRound(deps, systemCtx('test'), round.id);
  return round;
}

/** A form body answering `keys` of a framework: values by question key ('NA' for not applicable), versions as read. */
export function answersForm(framework: Framework, values: Record<string, string>, versions: Record<string, number> = {}) {
  const body: Record<string, string | string[]> = { q: [] };
  for (const q of questionsOf(framework)) {
    if (!(q.key in values)) continue;
    (body.q as string[]).push(q.key);
    body[`v_${q.key}`] = String(versions[q.key] ?? 0);
    if (values[q.key] === 'NA') body[`na_${q.key}`] = 'on';
    else body[`a_${q.key}`] = values[q.key];
  }
  return body;
}

/** The versions the answer form currently carries, read from the page. */
export async function versionsOnPage(c: Client, url: string): Promise<Record<string, number>> {
  const body = (await c.get(url)).body;
  return Object.fromEntries([...body.matchAll(/name="v_([^"]+)" value="(\d+)"/g)].map((m) => [m[1], Number(m[2])]));
}

/** A minimal valid PDF: enough for the upload sniffer. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

/** Posts a multipart form (the CSRF token as its first field, as the pages send it). */
export async function upload(c: Client, url: string, fields: Record<string, string>, file: { name: string; data: Buffer }) {
  return c.upload(url, fields, { filename: file.name, data: file.data });
}
