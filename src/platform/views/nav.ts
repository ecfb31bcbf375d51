import type { MessageKey } from '../../messages.ts';
import type { Actor } from '../auth/actor.ts';

export interface NavItem {
  /** Path without the language prefix. */
  href: string;
  label: MessageKey;
  /** The header's public or console entries, or the footer's links (privacy, accessibility, help). */
  area: 'public' | 'console' | 'footer';
  /** Lower comes first. */
  order: number;
  visible(actor: Actor): boolean;
}

/** The header navigation of one app, filled from the modules' manifests. */
export class NavRegistry {
  readonly #items: NavItem[] = [];

  add(item: NavItem): void {
    if (this.#items.some((i) => i.href === item.href && i.area === item.area))
      throw new Error(`nav item ${item.area}:${item.href} added twice`);
    this.#items.push(item);
    this.#items.sort((a, b) => a.order - b.order);
  }

  /** The entries of an area this actor may see, in order. */
  items(area: NavItem['area'], actor: Actor): NavItem[] {
    return this.#items.filter((i) => i.area === area && i.visible(actor));
  }
}
