import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { awardDemo } from './award.demo.ts';
import { awardPages } from './award.pages.tsx';
import { AWARD_ROLES } from './award.policy.ts';
import type { AwardTables } from './award.tables.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0014 from './migrations/0014_award.ts';
import * as m0033 from './migrations/0033_award_discussion.ts';
import * as m0048 from './migrations/0048_award_individuals.ts';
import * as m0050 from './migrations/0050_award_attachments.ts';
import * as m0054 from './migrations/0054_award_branch_rules.ts';
import * as m0058 from './migrations/0058_award_questions.ts';
import {
  JUDGE_NOTICE_JOB,
  type JudgeNotice,
  OUTCOME_NOTICE_JOB,
  type OutcomeNotice,
  sendJudgeNotice,
  sendOutcomeNotice,
} from './notices.ts';
import { awardPersonalData } from './privacy.ts';
import { publicAwardPages } from './public.pages.tsx';
import { awardReportPanel } from './report-panel.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'award.outcome_notice': OutcomeNotice;
    'award.judge_notice': JudgeNotice;
  }
}

/**
 * The e-government achievement award: editions with their Hijri/Gregorian deadlines, configurable
 * branches with rubrics, agencies' nominations with evidence frozen at submission, screening,
 * judging with conflicts of interest and balanced assignment, decisions and the public results.
 */
export const awardModule: ModuleDefinition<AwardTables, typeof ar> = defineModule({
  name: 'award',
  messages: { ar, en },
  tables: [
    'award_cycles',
    'award_branches',
    'award_nominations',
    'award_judges',
    'award_conflicts',
    'award_reviews',
    'award_decisions',
    'award_discussion',
    'award_entrants',
    'award_attachments',
    'award_question_sets',
    'award_branch_panels',
  ],
  migrations: {
    '0014_award': m0014,
    '0033_award_discussion': m0033,
    '0048_award_individuals': m0048,
    '0050_award_attachments': m0050,
    '0054_award_branch_rules': m0054,
    '0058_award_questions': m0058,
  },
  personalData: awardPersonalData,
  nav: [
    { href: '/award', label: 'nav.award_public', area: 'public', order: 60, visible: (a) => a.kind !== 'user' },
    { href: '/console/award', label: 'nav.award', area: 'console', order: 40, visible: (a) => hasRole(a, ...AWARD_ROLES) },
  ],
  jobs: {
    [OUTCOME_NOTICE_JOB]: async (d, payload) => {
      await sendOutcomeNotice(d, payload);
    },
    [JUDGE_NOTICE_JOB]: async (d, payload) => {
      await sendJudgeNotice(d, payload);
    },
  },
  extensions: { fills: [awardReportPanel] },
  routes: awardRoutes,
  demo: async (deps, ctx) => awardDemo(deps, ctx),
});

async function awardRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await awardPages(scope);
    await publicAwardPages(scope);
  });
}
