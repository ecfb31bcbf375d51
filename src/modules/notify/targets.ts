import type { Executor } from '../../db.ts';
import type { Deps } from '../../platform/deps.ts';
import { fieldError } from '../../platform/http/errors.ts';
import * as catalog from '../catalog/public.ts';
import { type Audience, audiences, type ServiceData } from '../catalog/public.ts';
import { allAgencies } from '../identity/public.ts';
import type { AnnouncementKind, TargetType } from './notify.tables.ts';
import { topicLabel } from './topics.ts';

/** One thing a subscriber can follow, as stored: services and agencies by id, categories and audiences by code. */
export interface Target {
  type: TargetType;
  key: string;
}

export interface TargetLabel extends Target {
  ar: string;
  en: string;
  /** The public page about it, without the language prefix. */
  path?: string;
}

/**
 * Turns what a person chose (a service identifier, an agency code, a category or audience code)
 * into the stored target, refusing anything that does not exist.
 */
export async function resolveTarget(deps: Deps, type: TargetType, publicKey: string): Promise<Target> {
  switch (type) {
    case 'service': {
      const s = await catalog.findServiceByIdentifier(deps.db, publicKey);
      if (!s?.published_json) fieldError('target_key', 'notify.validation.target_unknown');
      return { type, key: String(s.id) };
    }
    case 'agency': {
      const a = (await allAgencies(deps)).find((x) => x.code === publicKey && x.status === 'active');
      if (!a) fieldError('target_key', 'notify.validation.target_unknown');
      return { type, key: String(a.id) };
    }
    case 'category': {
      const terms = await catalog.listTerms(deps.db, 'category');
      if (!terms.some((t) => t.code === publicKey)) fieldError('target_key', 'notify.validation.target_unknown');
      return { type, key: publicKey };
    }
    case 'audience':
      if (!audiences.includes(publicKey as Audience)) fieldError('target_key', 'notify.validation.target_unknown');
      return { type, key: publicKey };
    case 'topic':
      if (!(await topicLabel(deps, publicKey))) fieldError('target_key', 'notify.validation.target_unknown');
      return { type, key: publicKey };
    default:
      return { type: 'new_services', key: '*' };
  }
}

/** Names of stored targets in both languages, for the manage page, emails and the console. */
export async function labelTargets(deps: Deps, targets: Target[]): Promise<TargetLabel[]> {
  const agencies = new Map((await allAgencies(deps)).map((a) => [String(a.id), a]));
  const terms = new Map((await catalog.listTerms(deps.db, 'category')).map((t) => [t.code, t]));
  const out: TargetLabel[] = [];
  for (const t of targets) {
    if (t.type === 'service') {
      const s = await catalog.findService(deps.db, Number(t.key));
      out.push({ ...t, ar: s?.name_ar ?? t.key, en: s?.name_en ?? t.key, path: s ? `/services/${s.identifier}` : undefined });
    } else if (t.type === 'agency') {
      const a = agencies.get(t.key);
      out.push({ ...t, ar: a?.name_ar ?? t.key, en: a?.name_en ?? t.key, path: a ? `/agencies/${a.code}` : undefined });
    } else if (t.type === 'category') {
      const term = terms.get(t.key);
      out.push({ ...t, ar: term?.name_ar ?? t.key, en: term?.name_en ?? t.key, path: `/services?category=${t.key}` });
    } else if (t.type === 'topic') {
      const label = await topicLabel(deps, t.key);
      out.push({ ...t, ar: label?.ar ?? t.key, en: label?.en ?? t.key, path: label?.path });
    } else out.push({ ...t, ar: '', en: '' });
  }
  return out;
}

/** The public key (identifier or code) of a stored target, for links such as the subscribe form. */
export async function publicKeyOf(deps: Deps, t: Target): Promise<string> {
  if (t.type === 'service') return (await catalog.findService(deps.db, Number(t.key)))?.identifier ?? t.key;
  if (t.type === 'agency') return (await allAgencies(deps)).find((a) => String(a.id) === t.key)?.code ?? t.key;
  return t.key;
}

/**
 * Who an announcement reaches: followers of its services, of its agency, of those services'
 * categories and audiences, and — for a launch only — people who want every new service.
 */
export async function announcementTargets(trx: Executor, a: { agency_id: number; kind: AnnouncementKind }, serviceIds: number[]) {
  const targets: Target[] = [];
  const add = (type: TargetType, key: string) => {
    if (!targets.some((t) => t.type === type && t.key === key)) targets.push({ type, key });
  };
  for (const id of serviceIds) add('service', String(id));
  add('agency', String(a.agency_id));
  for (const id of serviceIds) {
    const s = await catalog.findService(trx, id);
    const data = (s?.published_json ?? s?.draft_json) ? (JSON.parse((s.published_json ?? s.draft_json) as string) as ServiceData) : null;
    if (!data) continue;
    if (s && s.agency_id !== a.agency_id) add('agency', String(s.agency_id));
    for (const c of data.categories) add('category', c);
    for (const au of data.audiences) add('audience', au);
  }
  if (a.kind === 'launch') add('new_services', '*');
  return targets;
}
