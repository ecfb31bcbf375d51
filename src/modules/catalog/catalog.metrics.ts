import type { Deps } from '../../platform/deps.ts';

export interface Share {
  numerator: number;
  denominator: number;
  /** numerator ÷ denominator as a fraction 0..1, or null when there is nothing to count. */
  rate: number | null;
}

const share = (numerator: number, denominator: number): Share => ({
  numerator,
  denominator,
  rate: denominator ? numerator / denominator : null,
});

/** Published, not retired services of an agency (or all agencies). */
function offered(deps: Deps, agencyId?: number) {
  let q = deps.db.selectFrom('services').where('published_version', '>', 0).where('status', '!=', 'retired');
  if (agencyId) q = q.where('agency_id', '=', agencyId);
  return q;
}

/** Share of an agency's offered services at transactional maturity or above (measure uses it as an automatic indicator). */
export async function transactionalShare(deps: Deps, agencyId?: number): Promise<Share> {
  const r = await offered(deps, agencyId)
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.sum<number>(eb.case().when('maturity', 'in', ['transactional', 'integrated']).then(1).else(0).end()).as('tx'),
    ])
    .executeTakeFirstOrThrow();
  return share(Number(r.tx ?? 0), Number(r.all));
}

/** Share of an agency's offered services that are live with a complete record. */
export async function completeLiveShare(deps: Deps, agencyId?: number): Promise<Share> {
  const r = await offered(deps, agencyId)
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('status', '=', 'live'), eb('complete', '=', 1)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('ok'),
    ])
    .executeTakeFirstOrThrow();
  return share(Number(r.ok ?? 0), Number(r.all));
}

/** Services whose status became live in [from, to), with their agency (notify counts silent launches from these). */
export async function launchesBetween(deps: Deps, from: string, to: string, agencyId?: number) {
  let q = deps.db
    .selectFrom('service_status_history')
    .innerJoin('services', 'services.id', 'service_status_history.service_id')
    .select([
      'service_status_history.service_id',
      'service_status_history.agency_id',
      'service_status_history.changed_at',
      'services.identifier',
      'services.name_ar',
      'services.name_en',
    ])
    .where('to_status', '=', 'live')
    .where('changed_at', '>=', from)
    .where('changed_at', '<', to);
  if (agencyId) q = q.where('service_status_history.agency_id', '=', agencyId);
  return q.orderBy('changed_at').execute();
}

/** What the catalog's figures read of a service as it was published at an instant. */
export interface PublishedAsOf {
  serviceId: number;
  status: string;
  maturity: string;
  channelTypes: string[];
}

/**
 * Every service as published at an instant: its last version published before `at` (a service first
 * published later is absent; one retired by then shows as retired). Reports read a past month from
 * this, not from today's records, so a service launched in May is not counted in March.
 */
export async function publishedAsOf(deps: Deps, at: string, agencyId?: number): Promise<PublishedAsOf[]> {
  let last = deps.db
    .selectFrom('service_versions')
    .select(['service_id', (eb) => eb.fn.max('version').as('version')])
    .where('published_at', '<', at)
    .groupBy('service_id');
  if (agencyId !== undefined) {
    last = last.where('service_id', 'in', (eb) => eb.selectFrom('services').select('id').where('agency_id', '=', agencyId));
  }
  const rows = await deps.db
    .selectFrom('service_versions as v')
    .innerJoin(last.as('last'), (j) => j.onRef('last.service_id', '=', 'v.service_id').onRef('last.version', '=', 'v.version'))
    .select(['v.service_id', 'v.data_json'])
    .orderBy('v.service_id')
    .execute();
  return rows.map((r) => {
    const data = JSON.parse(r.data_json) as { status?: string; maturity?: string; channels?: { type: string }[] };
    return {
      serviceId: r.service_id,
      status: data.status ?? 'live',
      maturity: data.maturity ?? 'informational',
      channelTypes: [...new Set((data.channels ?? []).map((c) => c.type))],
    };
  });
}
