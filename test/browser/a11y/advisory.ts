import {
  acceptRequest,
  addAdvisor,
  addComment,
  addFinding,
  addTask,
  answerInfo,
  assignAdvisor,
  changeAttendees,
  deliver,
  editMinutes,
  recordMinutes,
  requestInfo,
  rescheduleMeeting,
  scheduleMeeting,
  submitRequest,
  uploadDocument,
} from '../../../src/modules/advisory/testing.ts';
import { insertMembership } from '../../../src/modules/identity/testing.ts';
import type { Ctx } from '../../../src/platform/auth/actor.ts';
import { systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/**
 * Advisory pages, seen by the program administrator who is also on the advisory team and an
 * administrator of the requesting agency, so every form of a request shows: a request in progress
 * (findings can be added), a delivered one (responses and closure) and one awaiting triage.
 */
const samples: SampleBuilder = async ({ deps, adminEmail }) => {
  const a = await buildAgency(deps, { code: 'a11y-adv-a', name_ar: 'هيئة الاتصالات', name_en: 'Communications Authority' });
  const b = await buildAgency(deps, { code: 'a11y-adv-b', name_ar: 'هيئة البيانات', name_en: 'Data Authority' });
  const admin = await deps.db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', adminEmail).executeTakeFirstOrThrow();
  await insertMembership(deps.db, admin.id, 'advisor', null);
  await insertMembership(deps.db, admin.id, 'agency_admin', a.id);
  const colleague = await buildUser(deps, { email: 'a11y-advisor@advisors.sa', role: 'advisor', name: 'هند الشهري' });
  const office = systemCtx('a11y');
  const me: Ctx = {
    actor: {
      kind: 'user',
      id: admin.id,
      name: admin.name,
      email: admin.email,
      locale: 'ar',
      memberships: [
        { role: 'program_admin', agencyId: null },
        { role: 'advisor', agencyId: null },
        { role: 'agency_admin', agencyId: a.id },
      ],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const mine = await addAdvisor(deps, office, { user_id: String(admin.id), home_agency_id: String(b.id) });
  const theirs = await addAdvisor(deps, office, { user_id: String(colleague.id), home_agency_id: String(a.id) });
  const submit = (title: string) =>
    submitRequest(deps, me, {
      agency_id: String(a.id),
      type: 'tender_review',
      title,
      question: 'هل معايير التقييم عادلة لكل المتنافسين؟',
      urgency: 'high',
    });

  const working = await submit('كراسة شروط منصة الترخيص');
  await requestInfo(deps, office, working.id, { question: 'أرفقوا الإصدار الأخير من الكراسة.' });
  await answerInfo(deps, me, working.id, { answer: 'أُرفق الإصدار الثالث.' });
  await acceptRequest(deps, office, working.id, { priority: 'high' });
  await assignAdvisor(deps, office, working.id, { advisor_id: String(mine.id), role: 'lead' });

  const delivered = await submit('مراجعة نطاق العمل');
  await acceptRequest(deps, office, delivered.id, { priority: 'medium' });
  await assignAdvisor(deps, office, delivered.id, { advisor_id: String(mine.id), role: 'lead' });
  const reviewer = await assignAdvisor(deps, office, delivered.id, {
    advisor_id: String(theirs.id),
    role: 'reviewer',
    exception_reason: 'كتبت المتطلبات الأصلية؛ تراجع الملحق الفني فقط.',
  });
  const first = await addComment(deps, me, delivered.id, { body: 'بدأنا المراجعة.', anchor: '§6.3 ص 31' });
  await addComment(deps, me, delivered.id, { body: 'أتفق.', parent_id: String(first.id) });
  await addTask(deps, me, delivered.id, { title: 'قراءة الكراسة', owner_advisor_id: String(mine.id), due_on: '2026-02-01' });
  const finding = await addFinding(deps, me, delivered.id, {
    severity: 'critical',
    title: 'معايير التقييم تفضّل موردًا بعينه',
    recommendation: 'استبدل اشتراط منتج محدد بمتطلبات وظيفية.',
    reference: 'كراسة الشروط §6.3 ص 31',
  });
  const pdf = Buffer.from('%PDF-1.4\n% a11y sample\n%%EOF\n');
  const doc = await uploadDocument(deps, me, delivered.id, { doc_type: 'bidding_documents', doc_title: 'كراسة الشروط', file: pdf });
  await uploadDocument(deps, me, delivered.id, { previous_id: String(doc.id), file: pdf });
  // A meeting that has taken place (scheduled ahead of it), with the form for its minutes.
  const meeting = await scheduleMeeting(
    deps,
    me,
    delivered.id,
    {
      title: 'اجتماع الانطلاق',
      starts_at: '2026-01-10T10:00',
      duration: '60',
      place: 'قاعة الاجتماعات ٣',
      online_url: 'https://meet.example.sa/kickoff',
      agenda: 'نطاق المراجعة والجدول الزمني',
      attendees: [String(admin.id), String(colleague.id)],
    },
    new Date('2026-01-01T00:00:00Z'),
  );
  // Moved once (its earlier schedule listed), still without minutes: the forms to record, move or cancel it.
  await rescheduleMeeting(
    deps,
    me,
    delivered.id,
    meeting.id,
    {
      title: 'اجتماع الانطلاق',
      starts_at: '2026-01-11T11:00',
      duration: '60',
      place: 'قاعة الاجتماعات ٤',
      agenda: 'نطاق المراجعة والجدول الزمني',
      reason: 'تعارض مع اجتماع مجلس الإدارة.',
    },
    new Date('2026-01-01T00:00:00Z'),
  );
  // Its attendees changed once (the change listed) — the form to change them again.
  await changeAttendees(deps, me, delivered.id, meeting.id, { attendees: [String(admin.id)] });
  // A meeting with minutes corrected once: the correction form.
  const held = await scheduleMeeting(
    deps,
    me,
    delivered.id,
    { title: 'مراجعة الملحق الفني', starts_at: '2026-01-15T10:00', duration: '45', place: 'قاعة ٢', attendees: [String(admin.id)] },
    new Date('2026-01-01T00:00:00Z'),
  );
  await recordMinutes(deps, me, delivered.id, held.id, { minutes: 'راجعنا الملحق الفني.', decisions: 'تعديل البند ٤.' });
  await editMinutes(deps, me, delivered.id, held.id, {
    minutes: 'راجعنا الملحق الفني والجدول الزمني.',
    decisions: 'تعديل البند ٤.',
    reason: 'سقط ذكر الجدول الزمني.',
  });
  await deliver(deps, me, delivered.id, { summary: 'الكراسة سليمة في مجملها عدا أوزان التقييم.' });

  const triage = await submit('توافر خدمات الترخيص');
  return {
    '/console/advisory': '/console/advisory',
    '/console/advisory/new': '/console/advisory/new',
    '/console/advisory/team': '/console/advisory/team',
    '/console/advisory/metrics': '/console/advisory/metrics',
    '/console/advisory/knowledge': `/console/advisory/knowledge?q=${encodeURIComponent('معايير')}`,
    '/console/advisory/:id': `/console/advisory/${delivered.id}`,
    '/console/advisory/:id/findings/new': `/console/advisory/${working.id}/findings/new`,
    '/console/advisory/:id/findings/:finding': `/console/advisory/${delivered.id}/findings/${finding.id}`,
    '/console/advisory/:id/edit': `/console/advisory/${triage.id}/edit`,
    '/console/advisory/:id/comments/:comment/edit': `/console/advisory/${delivered.id}/comments/${first.id}/edit`,
    '/console/advisory/:id/meetings/:meeting': `/console/advisory/${delivered.id}/meetings/${meeting.id}`,
    '/console/advisory/:id/meetings/:meeting/minutes/edit': `/console/advisory/${delivered.id}/meetings/${held.id}/minutes/edit`,
    '/console/advisory/:id/report': `/console/advisory/${delivered.id}/report`,
    '/console/advisory/:id/assignments/:assignment': `/console/advisory/${delivered.id}/assignments/${reviewer.id}`,
  };
};
export default samples;
