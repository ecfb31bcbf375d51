/**
 * `yusr catalog import FILE` and `yusr agencies import FILE` on the server: the same screening,
 * limits, dry run and all-or-nothing write as the console and the API, as the system actor (the
 * program office's rights), audited as "cli". A dry run unless --run; the report goes to stdout as
 * text (or CSV with --csv), in Arabic with --lang ar.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { systemCtx } from '../../../platform/auth/actor.ts';
import type { Deps } from '../../../platform/deps.ts';
import { AppError } from '../../../platform/http/errors.ts';
import { type Lang, translate } from '../../../platform/i18n/i18n.ts';
import { importNow } from './imports.service.ts';
import { groupReasons, reportCsv } from './report.ts';

export async function runImportCommand(deps: Deps, what: 'catalog' | 'agencies', args: string[]): Promise<{ code: number; out: string }> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      run: { type: 'boolean', default: false },
      csv: { type: 'boolean', default: false },
      lang: { type: 'string', default: 'en' },
      audience: { type: 'string', multiple: true },
      channel: { type: 'string' },
      maturity: { type: 'string' },
      status: { type: 'string' },
      announce: { type: 'boolean', default: false },
    },
  });
  const lang: Lang = values.lang === 'ar' ? 'ar' : 'en';
  const path = positionals[0];
  if (!path) return { code: 2, out: `usage: yusr ${what} import FILE [--run] [--csv] [--lang ar|en]\n` };
  const file = await readFile(path);
  const options = {
    audiences: values.audience ?? [],
    channel: values.channel,
    maturity: values.maturity,
    status: values.status,
    announce: values.announce,
  };
  try {
    const res = await importNow(deps, systemCtx(`cli ${what} import`), file, options, !values.run);
    if (values.csv) return { code: res.refused ? 1 : 0, out: reportCsv(lang, res.rows, res.agencies) };
    const count = (list: { outcome: string }[], o: string) => list.filter((r) => r.outcome === o).length;
    const lines = [
      `${values.run ? 'Imported' : 'Dry run'}: services create ${count(res.rows, 'create')}, update ${count(res.rows, 'update')}, unchanged ${count(res.rows, 'unchanged')}, draft ${count(res.rows, 'draft')}, refused ${count(res.rows, 'refuse')}`,
      `agencies create ${count(res.agencies, 'create')}, update ${count(res.agencies, 'update')}, unchanged ${count(res.agencies, 'unchanged')}, refused ${count(res.agencies, 'refuse')}`,
      ...groupReasons(lang, res.rows, res.agencies).map(
        (g) =>
          `- ${g.fieldName}: ${g.message} (${g.rows.length}; ${g.what} rows ${g.rows.slice(0, 20).join(', ')}${g.rows.length > 20 ? ' …' : ''})${g.hint ? `\n  ${g.hint}` : ''}`,
      ),
    ];
    return { code: res.refused ? 1 : 0, out: `${lines.join('\n')}\n` };
  } catch (e) {
    if (e instanceof AppError)
      return {
        code: 1,
        out: `${[translate(lang, e.key, e.params), ...e.fieldErrors.map((f) => `${f.field}: ${translate(lang, f.key, f.params)}`)].join('\n')}\n`,
      };
    throw e;
  }
}
