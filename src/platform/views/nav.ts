import type { MessageKey } from '../../messages.ts';
import type { Actor } from '../auth/actor.ts';

export interface NavItem {
  /** Path without the language prefix. */
  href: string;
  label: MessageKey;
  area: 'public' | 'console';
  /** Lower comes first. */
  order: number;
  visible(actor: Actor): boolean;
}

const items: NavItem[] = [];

/** Modules add their entries to the header navigation when they register. */
export function addNavItem(item: NavItem): void {
  if (!items.some((i) => i.href === item.href && i.area === item.area)) items.push(item);
}

export function navItems(area: NavItem['area'], actor: Actor): NavItem[] {
  return items.filter((i) => i.area === area && i.visible(actor)).sort((a, b) => a.order - b.order);
}
