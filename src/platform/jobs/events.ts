import type { Executor } from '../../db.ts';
import type { Deps } from '../deps.ts';
import { enqueue } from './jobs.ts';
import type { JobRegistry } from './worker.ts';

export type EventHandler = (deps: Deps, data: any) => Promise<void>;

/**
 * Modules announce facts ("a service was published") and other modules react, through the
 * outbox: emitting writes one job per subscriber in the caller's transaction, so a reaction is
 * never lost and one subscriber's failure never re-runs the others. Subscribers must be idempotent.
 */
export function subscribe(jobs: JobRegistry, event: string, subscriber: string, handler: EventHandler): void {
  const kind = `event:${event}:${subscriber}`;
  jobs.handle(kind, (deps, payload) => handler(deps, payload));
  const list = subscribers.get(jobs) ?? new Map<string, string[]>();
  list.set(event, [...(list.get(event) ?? []), kind]);
  subscribers.set(jobs, list);
}

const subscribers = new WeakMap<JobRegistry, Map<string, string[]>>();

export interface EmitOptions {
  /**
   * What the event is about, e.g. `service:12`: each subscriber handles the events of one aggregate
   * one at a time, in the order they were emitted (a retried event holds back the later ones).
   */
  aggregate: string;
  /** Identifies this event: emitted again with the same key, it is recorded once. */
  key?: string;
}

/** Records an event inside the caller's transaction; each subscriber gets its own job. */
export async function emit(trx: Executor, jobs: JobRegistry, event: string, data: unknown, opts: EmitOptions): Promise<void> {
  for (const kind of subscribers.get(jobs)?.get(event) ?? []) {
    await enqueue(trx, kind, data, {
      orderingKey: `${kind}|${opts.aggregate}`,
      ...(opts.key ? { uniqueKey: `${kind}:${opts.key}` } : {}),
    });
  }
}
