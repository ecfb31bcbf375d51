import type { FastifyInstance } from 'fastify';
import { hasRole, systemCtx } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { exportRoutes } from './export.ts';
import { feedRoutes } from './feed.ts';
import { ideasPages } from './ideas.pages.tsx';
import { linkedInitiatives } from './initiatives.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0017 from './migrations/0017_participate.ts';
import * as m0032 from './migrations/0032_participate_ideas.ts';
import * as m0039 from './migrations/0039_participate_thresholds.ts';
import * as m0046 from './migrations/0046_participate_docx.ts';
import * as m0051 from './migrations/0051_participate_initiatives.ts';
import * as m0053 from './migrations/0053_participate_answer_times.ts';
import { loadParticipateDemo } from './participate.demo.ts';
import { participatePages } from './participate.pages.tsx';
import { PARTICIPATE_ROLES } from './participate.policy.ts';
import type { ParticipateTables } from './participate.tables.ts';
import { participatePersonalData } from './privacy.ts';
import { participateReportPanel } from './report-panel.ts';
import { participateTopics } from './subscriptions.ts';
import { alertOverdue, OVERDUE_JOB } from './thresholds.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'participate.idea_overdue': ScheduledPayload;
  }
}

/**
 * Public consultations: an agency puts a draft rule, policy or service change to the public as
 * numbered articles with questions and a period; people who verified an email comment article by
 * article (by name or anonymously to the public), agree or disagree, and report comments; moderators
 * act with a reason the author sees; after closing the agency answers every comment and publishes
 * the report with the final text compared to the draft. Ideas: people propose ideas to an agency or
 * the program, others support them, and each published idea gets an official answer kept with its history.
 */
export const participateModule: ModuleDefinition<ParticipateTables, typeof ar> = defineModule({
  name: 'participate',
  messages: { ar, en },
  personalData: participatePersonalData,
  tables: [
    'participate_consultations',
    'participate_articles',
    'participate_questions',
    'participate_participants',
    'participate_comments',
    'participate_votes',
    'participate_reports',
    'participate_moderation',
    'participate_ideas',
    'participate_idea_supports',
    'participate_idea_steps',
    'participate_settings',
    'participate_consultation_services',
    'participate_consultation_initiatives',
    'participate_idea_initiatives',
  ],
  migrations: {
    '0017_participate': m0017,
    '0032_participate_ideas': m0032,
    '0039_participate_thresholds': m0039,
    '0046_participate_docx': m0046,
    '0051_participate_initiatives': m0051,
    '0053_participate_answer_times': m0053,
  },
  nav: [
    { href: '/consultations', label: 'nav.consultations_public', area: 'public', order: 55, visible: (a) => a.kind !== 'user' },
    {
      href: '/console/consultations',
      label: 'nav.consultations',
      area: 'console',
      order: 40,
      visible: (a) => hasRole(a, ...PARTICIPATE_ROLES),
    },
    { href: '/ideas', label: 'nav.ideas_public', area: 'public', order: 56, visible: (a) => a.kind !== 'user' },
    { href: '/console/ideas', label: 'nav.ideas', area: 'console', order: 41, visible: (a) => hasRole(a, ...PARTICIPATE_ROLES) },
  ],
  extensions: { offers: [linkedInitiatives], fills: [participateReportPanel, participateTopics] },
  jobs: { [OVERDUE_JOB]: async (d) => void (await alertOverdue(d, systemCtx(OVERDUE_JOB))) },
  // Daily: ideas past their answer's last day without an answer email their moderators, once each.
  schedules: [{ kind: OVERDUE_JOB, daily: { hour: 8, minute: 0 } }],
  routes: participateRoutes,
  demo: async (deps, ctx, opts) => loadParticipateDemo(deps, ctx, opts.volume),
});

async function participateRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, participatePages);
  await registerPages(app, ideasPages);
  await feedRoutes(app);
  await exportRoutes(app);
}
