import { readFile } from 'node:fs/promises';
import { parseAnswersCsv, scoresToCsv } from './csv.ts';
import { type RoundScores, scoreRound } from './engine.ts';
import { type Framework, parseFramework } from './framework.schema.ts';
import { formatScore } from './ranking.ts';

// `yusr measure score`: re-derives a round's published scores from its two exported files, with
// the same engine the application runs, so an auditor needs nothing but this repository.

export interface ScoreCommandOptions {
  format: 'table' | 'csv' | 'json';
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the ${what} file ${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Reads and validates a framework JSON file; errors name the file. */
export async function loadFramework(path: string): Promise<Framework> {
  const text = await readText(path, 'framework');
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${(e as Error).message}`, { cause: e });
  }
  try {
    return parseFramework(json);
  } catch (e) {
    throw new Error(`${path}: ${(e as Error).message}`, { cause: e });
  }
}

/** Scores a round from a framework JSON file and an answers CSV file and returns the printable result. */
export async function runScoreCommand(frameworkPath: string, answersPath: string, opts: ScoreCommandOptions): Promise<string> {
  const framework = await loadFramework(frameworkPath);
  const text = await readText(answersPath, 'answers');
  let result: RoundScores;
  try {
    result = scoreRound(framework, parseAnswersCsv(text, framework));
  } catch (e) {
    throw new Error(`${answersPath}:\n${(e as Error).message}`, { cause: e });
  }
  if (opts.format === 'csv') return scoresToCsv(result, framework);
  if (opts.format === 'json') return `${JSON.stringify(scoresToJson(result), null, 2)}\n`;
  return scoresToTable(result, framework);
}

/** Every number the scorecard shows: displayed text for reading, unrounded values for re-deriving. */
export function scoresToJson(result: RoundScores) {
  const fmt = (x: number | null) => (x === null ? null : formatScore(x, result.decimals));
  return {
    framework: result.framework,
    scale_max: result.scaleMax,
    decimals: result.decimals,
    agencies: result.agencies.map((a) => ({
      rank: a.rank,
      agency: a.agency,
      score: a.text,
      score_unrounded: a.score,
      stage: a.stage && { key: a.stage.key, name_ar: a.stage.name_ar, name_en: a.stage.name_en },
      nodes: Object.fromEntries(
        [...a.nodes.values()].map((n) => [
          n.key,
          {
            score: fmt(n.score),
            score_unrounded: n.score,
            weight: n.weight,
            contribution: n.contribution,
            not_applicable: n.value === null,
          },
        ]),
      ),
    })),
  };
}

/** An aligned plain-text table: rank, agency, score, stage, then each top-level node. */
export function scoresToTable(result: RoundScores, framework: Framework): string {
  const top = framework.nodes.map((n) => n.key);
  const fmt = (x: number | null | undefined) => (x === null || x === undefined ? 'n/a' : formatScore(x, result.decimals));
  const header = ['rank', 'agency', 'score', 'stage', ...top];
  const rows = result.agencies.map((a) => [
    a.rank === null ? '-' : String(a.rank),
    a.agency,
    a.text ?? 'n/a',
    a.stage?.key ?? '-',
    ...top.map((k) => fmt(a.nodes.get(k)?.score)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  // Numbers align right, names left, so columns of scores read down cleanly.
  const right = (i: number) => i === 0 || i === 2 || i >= 4;
  const line = (r: string[]) =>
    r
      .map((c, i) => (right(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const title = `${framework.id} ${framework.version}: ${result.agencies.length} agencies, scores on 0–${result.scaleMax} shown to ${result.decimals} decimals`;
  return `${[title, '', line(header), ...rows.map(line)].join('\n')}\n`;
}
