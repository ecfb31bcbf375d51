import type { FastifyInstance } from 'fastify';
import { hasRole } from '../../platform/auth/actor.ts';
import { registerPages } from '../../platform/http/pages.ts';
import type { ScheduledPayload } from '../../platform/jobs/worker.ts';
import { defineModule, type ModuleDefinition } from '../../platform/module.ts';
import { EVALUATION_JOB, sendEvaluations } from './evaluation.ts';
import ar from './messages/ar.json' with { type: 'json' };
import en from './messages/en.json' with { type: 'json' };
import * as m0015 from './migrations/0015_training.ts';
import * as m0031 from './migrations/0031_training_public_evaluation.ts';
import * as m0038 from './migrations/0038_training_guest_learning.ts';
import * as m0052 from './migrations/0052_training_assignments_codes.ts';
import { trainingPersonalData } from './privacy.ts';
import { publicTrainingPages, trainingDownloads, trainingFeeds } from './public.pages.tsx';
import { REMINDER_JOB, sendSessionReminders } from './reminders.ts';
import { trainingReportPanel } from './report-panel.ts';
import { loadTrainingDemo } from './training.demo.ts';
import { trainingPages } from './training.pages.tsx';
import { TRAINING_ROLES } from './training.policy.ts';
import type { TrainingTables } from './training.tables.ts';

declare module '../../platform/jobs/jobs.ts' {
  interface JobPayloads {
    'training.session_reminders': ScheduledPayload;
    'training.evaluations': ScheduledPayload;
  }
}

/**
 * Capacity building: programmes for agency staff and the public with completion criteria and a
 * question bank, offerings with sessions, trainers, seats and a waitlist, enrolment with the agency
 * administrator's approval, attendance, the assessment, completion from the criteria, learning
 * records, yearly targets and national progress, the public training page and its calendar feed.
 */
export const trainingModule: ModuleDefinition<TrainingTables, typeof ar> = defineModule({
  name: 'training',
  messages: { ar, en },
  tables: [
    'training_programmes',
    'training_questions',
    'training_offerings',
    'training_sessions',
    'training_trainers',
    'training_enrolments',
    'training_attendance',
    'training_attempts',
    'training_targets',
    'training_guests',
    'training_evaluation_invites',
    'training_evaluation_responses',
    'training_prerequisites',
    'training_waivers',
    'training_guest_attendance',
    'training_guest_attempts',
    'training_guest_evaluation_invites',
    'training_assignments',
    'training_track_targets',
  ],
  migrations: {
    '0015_training': m0015,
    '0031_training_public_evaluation': m0031,
    '0038_training_guest_learning': m0038,
    '0052_training_assignments_codes': m0052,
  },
  personalData: trainingPersonalData,
  nav: [
    { href: '/training', label: 'nav.training_public', area: 'public', order: 55, visible: (a) => a.kind !== 'user' },
    { href: '/console/training', label: 'nav.training', area: 'console', order: 40, visible: (a) => hasRole(a, ...TRAINING_ROLES) },
  ],
  jobs: {
    [REMINDER_JOB]: async (d) => {
      await sendSessionReminders(d);
    },
    [EVALUATION_JOB]: async (d) => {
      await sendEvaluations(d);
    },
  },
  schedules: [
    { kind: REMINDER_JOB, everyMs: 60 * 60_000 },
    { kind: EVALUATION_JOB, everyMs: 60 * 60_000 },
  ],
  extensions: { fills: [trainingReportPanel] },
  routes: trainingRoutes,
  demo: async (deps, ctx, opts) => loadTrainingDemo(deps, ctx, opts.volume),
});

async function trainingRoutes(app: FastifyInstance): Promise<void> {
  await registerPages(app, async (scope) => {
    await trainingPages(scope);
    await publicTrainingPages(scope);
  });
  await trainingFeeds(app);
  await trainingDownloads(app);
}
