import type { FastifyInstance } from 'fastify';
import type { Migration } from 'kysely';
import type { Ctx } from './auth/actor.ts';
import type { Deps } from './deps.ts';
import type { Catalog, Lang } from './i18n/i18n.ts';
import { type EventHandlers, type EventName, subscribe } from './jobs/events.ts';
import type { JobHandlers, Schedule, Ticker } from './jobs/worker.ts';
import { type PersonalDataPort, personalDataPorts } from './personal-data.ts';
import type { ExtensionFill, ExtensionPoint } from './views/extensions.ts';
import type { NavItem } from './views/nav.ts';

/**
 * Everything the application needs to know about a module, in one place (its `index.ts`).
 * `src/modules.ts` lists the manifests; the app, the worker, the migrator, the demo loader and the
 * `DB` type are derived from that list, so adding a module is adding one line there.
 */
export interface ModuleDefinition<Tables = unknown, Messages extends Catalog = Catalog> {
  /** Lower-case; prefixes its job kinds, events, extension points and app-state slots. */
  name: string;
  /** The tables it owns (and alone queries); their row types make up `DB`. */
  tables: readonly (keyof Tables & string)[];
  /**
   * Its UI messages (ICU MessageFormat, `messages/ar.json` and `en.json`): the Arabic file's keys
   * make up `MessageKey`, and the English one must have the same keys.
   */
  messages: { ar: Messages; en: { [K in keyof Messages]: string } };
  /** Its migrations by name; names share one sequence with the platform's and never change once shipped. */
  migrations: Record<string, Migration>;
  /** Header navigation entries. */
  nav?: readonly NavItem[];
  /** Extension points it offers (declared in its public port) and the ones it fills. */
  extensions?: { offers?: readonly ExtensionPoint<any>[]; fills?: readonly ExtensionFill[] };
  /** Background work: handlers by job kind, recurring jobs, and tickers run on every worker pass. */
  jobs?: JobHandlers;
  schedules?: readonly Schedule[];
  tickers?: readonly Ticker[];
  /** Events it emits (declared in its public port) and the ones it reacts to. */
  events?: { emits?: readonly EventName[]; handles?: EventHandlers };
  /** Pages and API routes (and anything that lives as long as the HTTP app, such as an index). */
  routes?(app: FastifyInstance): Promise<void>;
  /**
   * Loads the module's demo data through its own services and rules (`yusr demo`, DEMO_DATA=on),
   * after the modules listed before it; skips what exists, so it can run again. Returns counts by kind.
   */
  demo?(deps: Deps, ctx: Ctx, opts: DemoOptions): Promise<Record<string, number>>;
  /** Registers send-time renderers and delivery callbacks with platform messaging. */
  delivery?(deps: Deps): void;
  /** The personal data it holds: the register's entries, and export, erasure and retention for the privacy office. */
  personalData?: PersonalDataPort;
  /** Phantom: carries the tables' row types into `DB`. */
  readonly rows?: Tables;
}

/**
 * Options of a demo load: how many catalog services to generate (benchmarks ask for 100,000), and
 * the volume of what people do — ratings and cases, subscribers, consultation comments, training's
 * year of staff and enrolments — as a multiple of the demo's (1 when absent; tests that load every
 * module for another module's sake ask for a tenth, the reports benchmark for ten times).
 */
export interface DemoOptions {
  services?: number;
  volume?: number;
}

/** Declares a module; `Tables` is the interface of its tables' row types. */
export function defineModule<Tables, Messages extends Catalog = Catalog>(
  definition: ModuleDefinition<Tables, Messages>,
): ModuleDefinition<Tables, Messages> {
  if (!/^[a-z][a-z0-9_]*$/.test(definition.name)) throw new Error(`module name ${definition.name} must be lower-case`);
  return definition;
}

/** Registers every module's background work, navigation and extensions on one app's registries. */
export function wireModules(deps: Deps, modules: readonly ModuleDefinition<any, any>[]): void {
  const emitted = new Set(modules.flatMap((m) => m.events?.emits ?? []));
  for (const m of modules) {
    for (const [kind, handler] of Object.entries(m.jobs ?? {})) {
      if (!kind.startsWith(`${m.name}.`)) throw new Error(`job kind ${kind} of module ${m.name} must start with "${m.name}."`);
      deps.jobs.handleKind(kind, handler as Parameters<Deps['jobs']['handleKind']>[1]);
    }
    for (const s of m.schedules ?? []) deps.jobs.schedule(s);
    for (const t of m.tickers ?? []) deps.jobs.tick(t);
    for (const [event, handler] of Object.entries(m.events?.handles ?? {})) {
      if (!emitted.has(event as EventName)) throw new Error(`module ${m.name} handles ${event}, which no module emits`);
      subscribeAny(deps, event as EventName, m.name, handler);
    }
    m.delivery?.(deps);
    for (const item of m.nav ?? []) deps.nav.add(item);
    for (const f of m.extensions?.fills ?? []) deps.extensions.add(f);
    if (m.personalData) personalDataPorts(deps).push({ module: m.name, port: m.personalData });
  }
}

const subscribeAny = (deps: Deps, event: EventName, subscriber: string, handler: unknown) =>
  subscribe(deps.jobs, event, subscriber, handler as Parameters<typeof subscribe>[3]);

/** Every migration: the platform's and each module's, by name (the migrator runs them in name order). */
export function allMigrations(
  platform: Record<string, Migration>,
  modules: readonly ModuleDefinition<any, any>[],
): Record<string, Migration> {
  const all: Record<string, Migration> = { ...platform };
  for (const m of modules)
    for (const [name, migration] of Object.entries(m.migrations)) {
      if (all[name]) throw new Error(`migration ${name} is listed twice`);
      all[name] = migration;
    }
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}

/** The platform's catalogs and every module's merged into one per language; a key defined twice is refused. */
export function allMessages(platform: Record<Lang, Catalog>, modules: readonly ModuleDefinition<any, any>[]): Record<Lang, Catalog> {
  const out: Record<Lang, Catalog> = { ar: { ...platform.ar }, en: { ...platform.en } };
  const owner = new Map<string, string>(Object.keys(platform.ar).map((k) => [k, 'platform']));
  for (const m of modules) {
    for (const key of Object.keys(m.messages.ar)) {
      const other = owner.get(key);
      if (other) throw new Error(`message ${key} is defined by ${other} and by ${m.name}`);
      owner.set(key, m.name);
    }
    Object.assign(out.ar, m.messages.ar);
    Object.assign(out.en, m.messages.en);
  }
  return out;
}

/** Turns a union into an intersection (how `DB` is made of every module's `Tables`). */
export type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
/** The row types of every table of the listed modules. */
export type TablesOf<M extends readonly ModuleDefinition<any, any>[]> = UnionToIntersection<NonNullable<M[number]['rows']>>;
/** The Arabic catalogs of the listed modules, as one type (its keys are their message keys). */
export type MessagesOf<M extends readonly ModuleDefinition<any, any>[]> = UnionToIntersection<M[number]['messages']['ar']>;
