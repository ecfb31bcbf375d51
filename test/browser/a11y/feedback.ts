import {
  addHoliday,
  hideComment,
  publishReply,
  replyToCase,
  requestReroute,
  resolveCase,
  savePolicy,
  saveTemplate,
  setAgencyCx,
  statusToken,
  submitCase,
  submitRating,
} from '../../../src/modules/feedback/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildService } from '../../helpers/catalog.ts';
import { buildAgency } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Feedback's public and console pages, with a case in every state a page shows. */
const samples: SampleBuilder = async ({ deps }) => {
  const po = systemCtx('a11y');
  const agency = await buildAgency(deps, { code: 'a11y-fb-moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health' });
  const other = await buildAgency(deps, {
    code: 'a11y-fb-sfda',
    name_ar: 'الهيئة العامة للغذاء والدواء',
    name_en: 'Saudi Food and Drug Authority',
  });
  await buildService(deps, agency.id, {
    identifier: 'a11y-fb-appointment',
    data: { name: { ar: 'حجز موعد في مركز صحي', en: 'Book a health-centre appointment' }, categories: ['health'], life_events: [] },
  });
  const person = (n: number, lang: 'ar' | 'en' = 'ar'): Ctx => ({
    actor: { kind: 'anonymous' },
    lang,
    requestId: null,
    ip: `192.0.2.${n}`,
  });
  const file = async (n: number, subject: string) =>
    (
      await submitCase(deps, person(n), {
        kind: 'complaint',
        category: 'delay',
        agency_id: agency.id,
        subject,
        body: 'انتظرت أكثر من ساعتين بعد موعدي في المركز الصحي دون أن يُنادى اسمي.',
        contact_name: 'خالد',
        contact_email: `person${n}@example.com`,
      })
    ).case;
  const open = await file(1, 'انتظار طويل في المركز الصحي');
  await replyToCase(deps, po, open.id, { body: 'نعتذر عن التأخير. في أي مركز كان موعدك؟', waiting: 'on' });
  const done = await file(2, 'موعد أُلغي دون إبلاغ');
  await resolveCase(deps, po, done.id, { code: 'explained', body: 'أُلغي الموعد لغياب الطبيب، وأُبلغت بموعد بديل.' });
  const moving = await file(3, 'سؤال عن دواء');
  await requestReroute(deps, po, moving.id, { to_agency_id: other.id, reason: 'الأدوية من اختصاص هيئة الغذاء والدواء.' });
  await submitRating(deps, person(4), 'a11y-fb-appointment', {
    answers: { satisfied: 4, trust: 4, easy: 5 },
    comment: 'الحجز سهل لكن الانتظار طويل',
  });
  await submitRating(deps, person(5, 'en'), 'a11y-fb-appointment', { answers: { satisfied: 1 }, comment: 'Rude words here' });
  const ratings = await deps.db.selectFrom('feedback_ratings').select('id').orderBy('id').execute();
  await publishReply(deps, po, ratings[0].id, { body: 'شكراً لك، زدنا عدد الأطباء في المساء.' });
  await hideComment(deps, po, ratings[1].id, { reason: 'ألفاظ مسيئة' });
  await setAgencyCx(deps, po, agency.id, true);
  await savePolicy(deps, po, { agency_id: agency.id, first_response_hours: 8, resolution_hours: 40 });
  await addHoliday(deps, po, { name_ar: 'عيد الأضحى', name_en: 'Eid al-Adha', calendar: 'hijri', from: '1447-12-09', to: '1447-12-13' });
  const template = await saveTemplate(deps, po, null, {
    agency_id: agency.id,
    title_ar: 'طلب معلومات',
    title_en: 'Ask for details',
    body_ar: 'مرحباً {name}، نحتاج رقم الموعد لطلبك {tracking}.',
    body_en: 'Hello {name}, we need the appointment number for case {tracking}.',
  });
  const link = (c: { id: number; tracking_no: string }) => `?t=${encodeURIComponent(statusToken(deps.config, c))}`;
  return {
    '/feedback/rate/:identifier': '/feedback/rate/a11y-fb-appointment',
    '/feedback/new': '/feedback/new?service=a11y-fb-appointment',
    '/feedback/received': `/feedback/received?n=${open.tracking_no}`,
    '/feedback/track': '/feedback/track',
    '/feedback/cases/:tracking': `/feedback/cases/${open.tracking_no}${link(open)}`,
    '/feedback/cases/:tracking/survey': `/feedback/cases/${done.tracking_no}/survey${link(done)}`,
    '/console/feedback': '/console/feedback?status=',
    '/console/feedback/cases/:id': `/console/feedback/cases/${open.id}?template=${template.id}`,
    '/console/feedback/reroutes': '/console/feedback/reroutes',
    '/console/feedback/ratings': '/console/feedback/ratings',
    '/console/feedback/sla': '/console/feedback/sla',
    '/console/feedback/calendar': '/console/feedback/calendar',
    '/console/feedback/questions': '/console/feedback/questions',
    '/console/feedback/templates': '/console/feedback/templates',
    '/console/feedback/templates/:id': `/console/feedback/templates/${template.id}`,
    '/console/feedback/settings': '/console/feedback/settings',
    '/console/feedback/metrics': '/console/feedback/metrics',
  };
};
export default samples;
