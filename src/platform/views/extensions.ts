import type { VNode } from 'preact';
import type { Ctx } from '../auth/actor.ts';
import type { Deps } from '../deps.ts';

/**
 * A place in one module's page where modules that depend on it add content (feedback adds the
 * rating form to catalog's service page, notify the "get updates" link) without the owning module
 * knowing them. Each extension loads its data before the page renders, then renders synchronously.
 */
export interface Extension<P> {
  name: string;
  /** Lower comes first. */
  order: number;
  load(deps: Deps, props: P, ctx: Ctx): Promise<unknown>;
  render(data: any, props: P): VNode | null;
}

export interface ExtensionPoint<P> {
  add(ext: Extension<P>): void;
  /** Loads every extension's data and returns the rendered pieces, in order. */
  render(deps: Deps, props: P, ctx: Ctx): Promise<VNode[]>;
}

export function extensionPoint<P>(): ExtensionPoint<P> {
  const list: Extension<P>[] = [];
  return {
    add(ext) {
      if (!list.some((e) => e.name === ext.name)) list.push(ext);
      list.sort((a, b) => a.order - b.order);
    },
    async render(deps, props, ctx) {
      const out: VNode[] = [];
      for (const ext of list) {
        const node = ext.render(await ext.load(deps, props, ctx), props);
        if (node) out.push(node);
      }
      return out;
    },
  };
}
