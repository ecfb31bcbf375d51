import type { Executor } from '../../db.ts';
import type { Deps } from '../deps.ts';
import { enqueueKind } from './jobs.ts';
import type { JobRegistry } from './worker.ts';

/**
 * Every event and its payload. The emitting module declares its events in its public port by
 * augmenting this interface:
 *   declare module '../../platform/jobs/events.ts' { interface EventPayloads { 'catalog.service_published': ServicePublished } }
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in each emitting module
export interface EventPayloads {}
export type EventName = keyof EventPayloads & string;

export type EventHandler<E extends EventName = EventName> = (deps: Deps, data: EventPayloads[E]) => Promise<void>;
/** A module's reactions, by event (a manifest's `events.handles`). */
export type EventHandlers = { [E in EventName]?: EventHandler<E> };

/**
 * Modules announce facts ("a service was published") and other modules react, through the
 * outbox: emitting writes one job per subscriber in the caller's transaction, so a reaction is
 * never lost and one subscriber's failure never re-runs the others. Subscribers must be idempotent.
 */
export function subscribe<E extends EventName>(jobs: JobRegistry, event: E, subscriber: string, handler: EventHandler<E>): void {
  const kind = `event:${event}:${subscriber}`;
  jobs.handleKind(kind, (deps, payload) => handler(deps, payload as EventPayloads[E]));
  jobs.subscribers.set(event, [...(jobs.subscribers.get(event) ?? []), kind]);
}

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
export async function emit<E extends EventName>(
  trx: Executor,
  jobs: JobRegistry,
  event: E,
  data: EventPayloads[E],
  opts: EmitOptions,
): Promise<void> {
  for (const kind of jobs.subscribers.get(event) ?? []) {
    await enqueueKind(trx, kind, data, {
      orderingKey: `${kind}|${opts.aggregate}`,
      ...(opts.key ? { uniqueKey: `${kind}:${opts.key}` } : {}),
    });
  }
}
