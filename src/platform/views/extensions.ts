import type { VNode } from 'preact';
import type { Ctx } from '../auth/actor.ts';
import type { Deps } from '../deps.ts';

/**
 * A place in one module's page where modules that depend on it add content (feedback adds the
 * rating form to catalog's service page, notify the "get updates" link) without the owning module
 * knowing them. The owner declares the point (with the props it passes) in its public port; the
 * others fill it from their manifests. Each extension loads its data before the page renders, then
 * renders synchronously.
 */
export interface ExtensionPoint<P> {
  readonly name: string;
  /** Phantom: carries the props' type. */
  readonly props?: P;
}

export const extensionPoint = <P>(name: string): ExtensionPoint<P> => ({ name });

export interface Extension<P, D = unknown> {
  name: string;
  /** Lower comes first. */
  order: number;
  load(deps: Deps, props: P, ctx: Ctx): Promise<D>;
  render(data: D, props: P): VNode | null;
}

/** One filling of a point, as a manifest lists it. */
export interface ExtensionFill {
  point: ExtensionPoint<any>;
  extension: Extension<any, any>;
}

/** Ties an extension to its point, checking its props' type. */
export const fill = <P, D>(point: ExtensionPoint<P>, extension: Extension<P, D>): ExtensionFill => ({ point, extension });

/** The extensions of one app, by point. */
export class ExtensionRegistry {
  readonly #byPoint = new Map<string, Extension<any, any>[]>();

  add({ point, extension }: ExtensionFill): void {
    const list = this.#byPoint.get(point.name) ?? [];
    if (list.some((e) => e.name === extension.name)) throw new Error(`extension ${extension.name} added to ${point.name} twice`);
    list.push(extension);
    list.sort((a, b) => a.order - b.order);
    this.#byPoint.set(point.name, list);
  }

  /** Loads every extension's data without rendering, in order (for points whose fillers provide figures, not markup). */
  async load<P>(point: ExtensionPoint<P>, deps: Deps, props: P, ctx: Ctx): Promise<{ name: string; data: unknown }[]> {
    const out: { name: string; data: unknown }[] = [];
    for (const ext of this.#byPoint.get(point.name) ?? []) out.push({ name: ext.name, data: await ext.load(deps, props, ctx) });
    return out;
  }

  /** Loads every extension's data and returns the rendered pieces, in order. */
  async render<P>(point: ExtensionPoint<P>, deps: Deps, props: P, ctx: Ctx): Promise<VNode[]> {
    const out: VNode[] = [];
    for (const ext of this.#byPoint.get(point.name) ?? []) {
      const node = ext.render(await ext.load(deps, props, ctx), props);
      if (node) out.push(node);
    }
    return out;
  }
}
