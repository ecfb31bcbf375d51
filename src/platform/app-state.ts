/**
 * Per-application state (a search index, a page cache, readiness checks) lives on the app instance,
 * never in a module global: two apps in one process (tests, the scale-out test's nodes) never share it.
 * Each owner declares a typed slot; the value is created on first use.
 */
export class AppState {
  readonly #values = new Map<string, unknown>();

  /** The slot's value on this app, created by `create` on first use. */
  get<T>(slot: Slot<T>, create: () => T): T {
    if (!this.#values.has(slot.name)) this.#values.set(slot.name, create());
    return this.#values.get(slot.name) as T;
  }

  /** The slot's value if it was created. */
  peek<T>(slot: Slot<T>): T | undefined {
    return this.#values.get(slot.name) as T | undefined;
  }
}

/** A typed key into AppState; the name must be unique (prefix it with the module's name). */
export interface Slot<T> {
  readonly name: string;
  /** Phantom: carries the value's type. */
  readonly type?: T;
}

export const slot = <T>(name: string): Slot<T> => ({ name });
