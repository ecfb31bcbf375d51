import {
  acceptPending,
  addEvidence,
  answersForm,
  closeNow,
  finaliseRound,
  importFramework,
  loadFramework,
  openedRound,
  PDF,
  previewAnswersUpload,
  publishedFramework,
  publishRound,
  reviewAnswer,
  saveAnswers,
  smallFrameworkJson,
  submitAnswers,
} from '../../../src/modules/measure/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Measurement pages: frameworks (a draft and a published one), an open round mid-review, and a published round's results. */
const samples: SampleBuilder = async ({ deps, adminEmail }) => {
  const agency = await buildAgency(deps, { code: 'a11y-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
  const other = await buildAgency(deps, { code: 'a11y-mc', name_ar: 'وزارة التجارة', name_en: 'Ministry of Commerce' });
  await buildService(deps, agency.id, { identifier: 'a11y-measure-service' });
  const user = await buildUser(deps, { email: 'a11y-measure@moh.gov.sa', role: 'agency_admin', agencyId: agency.id, name: 'سارة' });
  const ctx: Ctx = {
    actor: {
      kind: 'user',
      id: user.id,
      name: user.name,
      email: user.email,
      locale: 'ar',
      memberships: [{ role: 'agency_admin', agencyId: agency.id }],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const draft = await importFramework(deps, systemCtx('a11y'), JSON.stringify(smallFrameworkJson('draft')));
  const published = await publishedFramework(deps, smallFrameworkJson('1'));
  const f = (await loadFramework(deps, published.id)).framework;
  const all = { 'q.yes': 'yes', 'q.pct': '70', 'q.na': 'NA', 'q.level': 'some', 'q.days': '4' };

  // A round that closed and was published, for the results, scorecard and report.
  const past = await openedRound(deps, published.id, [agency.id, other.id], { code: 'a11y-past' });
  await saveAnswers(deps, ctx, past.id, agency.id, Object.keys(all), answersForm(f, all) as Record<string, unknown>);
  await addEvidence(deps, ctx, past.id, agency.id, 'q.pct', PDF, 'قائمة المقار');
  await submitAnswers(deps, ctx, past.id, agency.id, { attest: 'on' });
  await closeNow(deps, systemCtx('a11y'), past.id);
  await reviewAnswer(deps, systemCtx('a11y'), past.id, agency.id, 'q.days', {
    decision: 'adjust',
    value: '6',
    reason: 'السجل يظهر ٦ أيام',
  });
  await acceptPending(deps, systemCtx('a11y'), past.id, agency.id);
  await finaliseRound(deps, systemCtx('a11y'), past.id);
  await publishRound(deps, systemCtx('a11y'), past.id);

  // The current round: answered, with evidence, submitted and one answer returned.
  const round = await openedRound(deps, published.id, [agency.id, other.id], { code: 'a11y-now' });
  await saveAnswers(deps, ctx, round.id, agency.id, Object.keys(all), answersForm(f, all) as Record<string, unknown>);
  await addEvidence(deps, ctx, round.id, agency.id, 'q.pct', PDF, 'قائمة المقار');
  await submitAnswers(deps, ctx, round.id, agency.id, { attest: 'on' });
  await reviewAnswer(deps, systemCtx('a11y'), round.id, agency.id, 'q.pct', { decision: 'return', reason: 'القائمة لا تشمل الفروع' });

  // A dry run of a file of answers by the program administrator: one row refused, so both tables show.
  const admin = await deps.db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', adminEmail).executeTakeFirstOrThrow();
  const adminCtx: Ctx = {
    actor: {
      kind: 'user',
      id: admin.id,
      name: admin.name,
      email: admin.email,
      locale: 'ar',
      memberships: [{ role: 'program_admin', agencyId: null }],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const file = Buffer.from('agency,question,value,evidence\r\na11y-mc,q.yes,yes,\r\na11y-zz,q.pct,1,234,\r\n');
  const dry = await previewAnswersUpload(deps, adminCtx, round.id, file, 'الإجابات.csv');

  const sheet = `/console/measure/rounds/${round.id}/agencies/${agency.id}`;
  return {
    '/console/measure': '/console/measure',
    '/console/measure/frameworks': '/console/measure/frameworks',
    '/console/measure/frameworks/import': '/console/measure/frameworks/import',
    '/console/measure/frameworks/:id': `/console/measure/frameworks/${draft.id}`,
    '/console/measure/frameworks/:id/settings': `/console/measure/frameworks/${draft.id}/settings`,
    '/console/measure/frameworks/:id/json': `/console/measure/frameworks/${draft.id}/json`,
    '/console/measure/frameworks/:id/nodes/:key': `/console/measure/frameworks/${draft.id}/nodes/q.level`,
    '/console/measure/frameworks/:id/nodes/:key/add': `/console/measure/frameworks/${draft.id}/nodes/services/add`,
    '/console/measure/rounds/new': '/console/measure/rounds/new',
    '/console/measure/rounds/:id': `/console/measure/rounds/${round.id}`,
    '/console/measure/rounds/:id/edit': `/console/measure/rounds/${round.id}/edit`,
    '/console/measure/rounds/:id/import': `/console/measure/rounds/${round.id}/import`,
    '/console/measure/rounds/:id/import/:upload': `/console/measure/rounds/${round.id}/import/${dry.upload.id}`,
    '/console/measure/rounds/:id/agencies/:agencyId': `${sheet}?section=infra`,
    '/console/measure/rounds/:id/agencies/:agencyId/submit': `${sheet}/submit`,
    '/console/measure/rounds/:id/agencies/:agencyId/questions/:key': `${sheet}/questions/q.pct`,
    '/console/measure/rounds/:id/results': `/console/measure/rounds/${past.id}/results`,
    '/console/measure/rounds/:id/results/:agencyId': `/console/measure/rounds/${past.id}/results/${agency.id}`,
    '/console/measure/rounds/:id/report': `/console/measure/rounds/${past.id}/report`,
  };
};
export default samples;
