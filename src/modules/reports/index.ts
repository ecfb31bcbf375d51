import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import { reportPanels } from './reports.panels.ts';

/**
 * Reports: the national dashboard (program office and leadership) and each agency's scorecard beside
 * the national median, built from the panels other modules provide through `reportPanels` (each
 * module computes its own figures with its own services). It owns no tables.
 */
export const reportsModule: ModuleDefinition<Record<never, never>, typeof ar> = defineModule({
  name: 'reports',
  messages: { ar, en },
  tables: [],
  migrations: {},
  extensions: { offers: [reportPanels] },
});
