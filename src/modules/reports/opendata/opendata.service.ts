import type { FastifyRequest } from 'fastify';
import { slot } from '../../../platform/app-state.ts';
import type { Deps } from '../../../platform/deps.ts';
import { type FieldError, ValidationError } from '../../../platform/http/errors.ts';
import { AGENCY_CODE } from '../../identity/public.ts';
import { type BuiltDataset, buildOpenData, type DatasetRow, type OpenData } from './build.ts';

/** How long a build is served before the next request builds again (the data is monthly). */
export const CACHE_SECONDS = 3600;

interface Holder {
  /** The last finished build. */
  current?: { at: number; month: string; data: Promise<OpenData> };
  /** A build under way. */
  building?: Promise<OpenData>;
}
const cache = slot<Holder>('reports.opendata');

/**
 * The datasets, built at most once an hour per app (and again when a month ends); concurrent
 * requests share one build. Only the first request of an app waits for a build: once one exists, an
 * older one is served while the next is built in the background. A failed build is not kept.
 */
export function openData(deps: Deps, now = new Date()): Promise<OpenData> {
  const holder = deps.state.get(cache, (): Holder => ({}));
  const month = now.toISOString().slice(0, 7);
  const c = holder.current;
  if (c && c.month === month && now.getTime() - c.at < CACHE_SECONDS * 1000) return c.data;
  if (holder.building) return c?.data ?? holder.building;
  const data = buildOpenData(deps, { now });
  holder.building = data;
  const done = () => {
    if (holder.building === data) holder.building = undefined;
  };
  data.then(
    () => {
      holder.current = { at: now.getTime(), month, data };
      done();
    },
    (err) => {
      deps.log.error({ err }, 'open data build failed');
      done();
    },
  );
  return c?.data ?? data;
}

/** The filters a data file accepts: `agency` (a code; `national` for the nation's rows), `from` and `to` (months). */
export interface RowFilter {
  agency?: string;
  from?: string;
  to?: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const KNOWN = new Set(['agency', 'from', 'to', 'lang']);

/** Reads the query string of a data file: a wrong or unknown parameter is a 400 with bilingual field errors. */
export function rowFilter(request: FastifyRequest): RowFilter {
  const q = (request.query ?? {}) as Record<string, unknown>;
  const errors: FieldError[] = [];
  const out: RowFilter = {};
  for (const key of Object.keys(q)) if (!KNOWN.has(key)) errors.push({ field: key, key: 'validation.unknown_field' });
  const text = (key: 'agency' | 'from' | 'to', re: RegExp, message: FieldError['key']) => {
    const v = q[key];
    if (v === undefined) return;
    if (typeof v !== 'string' || !re.test(v)) errors.push({ field: key, key: message });
    else out[key] = v;
  };
  text('agency', AGENCY_CODE, 'opendata.error.agency');
  text('from', MONTH, 'opendata.error.month');
  text('to', MONTH, 'opendata.error.month');
  if (out.from && out.to && out.from > out.to) errors.push({ field: 'from', key: 'opendata.error.range' });
  if (errors.length) throw new ValidationError(errors);
  return out;
}

/** The dataset's rows a filter selects, in order. */
export function* selectRows(d: BuiltDataset, f: RowFilter): Generator<DatasetRow> {
  for (const r of d.rows) {
    if (f.from && r.month < f.from) continue;
    if (f.to && r.month > f.to) continue;
    if (f.agency && (f.agency === 'national' ? r.agency !== null : r.agency !== f.agency)) continue;
    yield r;
  }
}
