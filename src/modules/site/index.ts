import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0019 from './migrations/0019_site.ts';
import { privacyNoticeSections } from './public.ts';
import { sitePages } from './site.pages.tsx';
import type { SiteTables } from './site.tables.ts';

const everyone = () => true;

/**
 * The pages about the service itself — privacy notice, accessibility statement, contact, help —
 * linked from the foot of every page, shipped with bilingual text and worded by the program office.
 */
export const siteModule: ModuleDefinition<SiteTables, typeof ar> = defineModule({
  name: 'site',
  messages: { ar, en },
  tables: ['site_pages'],
  migrations: { '0019_site': m0019 },
  nav: [
    { href: '/help', label: 'nav.help', area: 'footer', order: 10, visible: everyone },
    { href: '/contact', label: 'nav.contact', area: 'footer', order: 20, visible: everyone },
    { href: '/privacy', label: 'nav.privacy', area: 'footer', order: 30, visible: everyone },
    { href: '/accessibility', label: 'nav.accessibility', area: 'footer', order: 40, visible: everyone },
    { href: '/console/site', label: 'nav.site_pages', area: 'console', order: 88, visible: (a) => hasRole(a, 'program_admin') },
  ],
  extensions: { offers: [privacyNoticeSections] },
  routes: async (app: FastifyInstance) => registerPages(app, sitePages),
});
