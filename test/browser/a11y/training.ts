import {
  addQuestion,
  addSession,
  addTrainer,
  approve,
  createOffering,
  createProgramme,
  enrolSelf,
  markAttendance,
  nominate,
  recordCompletion,
  requestGuestCode,
  sendEvaluations,
  setOfferingStatus,
  setProgrammePublished,
  setTarget,
  startAttempt,
  submitStaffAssignment,
  verifyGuestCode,
} from '../../../src/modules/training/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/**
 * Training pages: a published programme with a question bank and an open offering with a past
 * session, an agency with an enrolled member of staff who has an attempt open, a public programme
 * for the public page, and the national progress.
 */
/** The text of the latest training email to an address. */
const lastTraining = async (deps: Parameters<SampleBuilder>[0]['deps'], to: string) =>
  (
    await deps.db
      .selectFrom('messages')
      .select('text_body')
      .where('to_address', '=', to)
      .where('source', '=', 'training')
      .orderBy('id', 'desc')
      .executeTakeFirst()
  )?.text_body;

const samples: SampleBuilder = async ({ deps, adminEmail }) => {
  const office = systemCtx('a11y');
  const agency = await buildAgency(deps, {
    code: 'a11y-training',
    name_ar: 'هيئة الحكومة الرقمية',
    name_en: 'Digital Government Authority',
  });
  const user = await buildUser(deps, { email: 'a11y-training@dga.gov.sa', role: 'agency_editor', agencyId: agency.id, name: 'هدى' });
  const staff: Ctx = {
    actor: {
      kind: 'user',
      id: user.id,
      name: user.name,
      email: user.email,
      locale: 'ar',
      memberships: [{ role: 'agency_editor', agencyId: agency.id }],
    },
    lang: 'ar',
    requestId: null,
    ip: null,
  };
  const programme = await createProgramme(deps, office, {
    code: 'A11Y-DS',
    title_ar: 'أساسيات تصميم الخدمات الرقمية',
    title_en: 'Digital service design fundamentals',
    description_ar: 'تصميم الخدمة انطلاقًا من احتياجات المستفيد.',
    description_en: "Designing a service from its users' needs.",
    audience: 'employees',
    track: 'service_design',
    hours: '12',
    delivery_mode: 'blended',
    min_attendance_pct: '75',
    pass_mark_pct: '60',
    questions_per_attempt: '1',
  });
  await addQuestion(deps, office, programme.id, {
    text_ar: 'ما أول خطوة في تصميم خدمة رقمية؟',
    text_en: 'What is the first step in designing a digital service?',
    option_1_ar: 'فهم احتياجات المستفيد',
    option_1_en: "Understanding the user's needs",
    option_2_ar: 'اختيار التقنية',
    option_2_en: 'Choosing the technology',
    correct: '1',
  });
  await setProgrammePublished(deps, office, programme.id, true);
  const offering = await createOffering(deps, office, programme.id, {
    starts_on: '2025-03-02',
    ends_on: '2025-03-04',
    location_ar: 'الرياض، القاعة ٣',
    location_en: 'Riyadh, Hall 3',
    online_url: 'https://meet.example.gov.sa/ds',
    capacity: '20',
  });
  const session = await addSession(deps, office, offering.id, { starts_at: '2025-03-02T06:00:00Z', ends_at: '2025-03-02T09:00:00Z' });
  await addTrainer(deps, office, offering.id, { email: adminEmail });
  await setOfferingStatus(deps, office, offering.id, { status: 'open' });
  const request = await enrolSelf(deps, staff, offering.id, {});
  await approve(deps, office, request.id);
  // A second member of staff attended and the office recorded her completion: she is asked to evaluate.
  const finisher = await buildUser(deps, { email: 'a11y-training2@dga.gov.sa', role: 'agency_editor', agencyId: agency.id, name: 'ريم' });
  const [finished] = await nominate(deps, office, offering.id, agency.id, { user_ids: [String(finisher.id)] });
  await markAttendance(deps, office, session.id, { present: [String(request.id), String(finished.id)] });
  await recordCompletion(deps, office, finished.id, {
    reason: 'Completed the equivalent course at the Institute of Public Administration.',
  });
  await startAttempt(deps, staff, request.id);

  const open = await createProgramme(deps, office, {
    code: 'A11Y-CYB',
    title_ar: 'التوعية بالأمن السيبراني',
    title_en: 'Cybersecurity awareness',
    description_ar: 'كيف تحمي حساباتك.',
    description_en: 'Keeping your accounts safe.',
    audience: 'public',
    track: 'cybersecurity',
    hours: '2',
    delivery_mode: 'online',
    min_attendance_pct: '100',
    // The page of a place then shows the assignment's form (multipart) beside the session code's.
    assignment_ar: 'اكتب ثلاث نصائح لحماية حساباتك.',
    assignment_en: 'Write three tips for keeping your accounts safe.',
  });
  await setProgrammePublished(deps, office, open.id, true);
  const publicOffering = await createOffering(deps, office, open.id, {
    starts_on: '2030-05-01',
    ends_on: '2030-05-01',
    online_url: 'https://meet.example.gov.sa/cyb',
    capacity: '200',
  });
  await addSession(deps, office, publicOffering.id, { starts_at: '2030-05-01T06:00:00Z', ends_at: '2030-05-01T08:00:00Z' });
  await setOfferingStatus(deps, office, publicOffering.id, { status: 'open' });

  // A member of the public signed up (their manage page), another half-way (the link's confirmation page).
  const seated = await requestGuestCode(deps, office, publicOffering.id, {
    name: 'سارة',
    email: 'a11y-guest@example.sa',
    phone: '0501234567',
  });
  const seatedCode = /(?:رمزك هو|Your code is) (\d{6})/.exec((await lastTraining(deps, 'a11y-guest@example.sa')) ?? '')?.[1] ?? '';
  const placed = await verifyGuestCode(deps, office, seated, { code: seatedCode });
  await requestGuestCode(deps, office, publicOffering.id, { name: 'Omar', email: 'a11y-guest2@example.sa' });
  const link = /confirm\?token=([A-Za-z0-9_.-]+)/.exec((await lastTraining(deps, 'a11y-guest2@example.sa')) ?? '')?.[1] ?? '';
  // The past offering's completer is asked to evaluate it.
  await sendEvaluations(deps, new Date('2025-03-06T09:00:00Z'));
  const evaluation = /evaluation\?token=([A-Za-z0-9_.-]+)/.exec((await lastTraining(deps, finisher.email)) ?? '')?.[1] ?? '';

  // A programme with an assignment: a member of staff sent hers, waiting for the trainer's decision.
  const assigned = await createProgramme(deps, office, {
    code: 'A11Y-JOURNEY',
    title_ar: 'رحلة المستفيد',
    title_en: 'User journeys',
    description_ar: 'رسم رحلة المستفيد في خدمة.',
    description_en: 'Mapping the journey of a service’s users.',
    audience: 'employees',
    track: 'service_design',
    hours: '6',
    delivery_mode: 'online',
    min_attendance_pct: '0',
    assignment_ar: 'ارسم رحلة المستفيد في خدمة من خدمات جهتك.',
    assignment_en: 'Map the user journey of one of your agency’s services.',
  });
  await setProgrammePublished(deps, office, assigned.id, true);
  const assignedOffering = await createOffering(deps, office, assigned.id, {
    starts_on: '2030-06-01',
    ends_on: '2030-06-02',
    online_url: 'https://meet.example.gov.sa/uj',
    capacity: '10',
  });
  await addSession(deps, office, assignedOffering.id, { starts_at: '2030-06-01T06:00:00Z', ends_at: '2030-06-01T08:00:00Z' });
  await addTrainer(deps, office, assignedOffering.id, { email: adminEmail });
  await setOfferingStatus(deps, office, assignedOffering.id, { status: 'open' });
  const [journey] = await nominate(deps, office, assignedOffering.id, agency.id, { user_ids: [String(user.id)] });
  const sent = await submitStaffAssignment(deps, staff, journey.id, {
    text: 'رحلة المستفيد في خدمة تجديد السجل: من البحث إلى استلام الشهادة، مع نقاط الألم في كل خطوة.',
  });

  // The agency's targets for the year: staff trained, hours per employee and two tracks (the progress page's charts of them).
  await setTarget(deps, office, {
    agency_id: String(agency.id),
    year: String(new Date().getUTCFullYear()),
    target_pct: '40',
    hours_per_employee: '6',
    track_service_design: '30',
    track_data: '20',
  });

  return {
    '/console/training/enrolments/:id/assignment': `/console/training/enrolments/${journey.id}/assignment`,
    '/console/training/offerings/:id/assignments': `/console/training/offerings/${assignedOffering.id}/assignments`,
    '/console/training/assignments/:id': `/console/training/assignments/${sent.id}`,
    '/training/offerings/:id/sign-up': `/training/offerings/${publicOffering.id}/sign-up`,
    '/training/sign-up/confirm': `/training/sign-up/confirm?token=${link}`,
    '/training/sign-up/manage': `/training/sign-up/manage?token=${placed.token}`,
    '/training/evaluation': `/training/evaluation?token=${evaluation}`,
    '/console/training/evaluations': '/console/training/evaluations',
    '/console/training/programmes/:id/edit': `/console/training/programmes/${programme.id}/edit`,
    '/console/training/offerings/:id/edit': `/console/training/offerings/${offering.id}/edit`,
    '/console/training/sessions/:id/edit': `/console/training/sessions/${session.id}/edit`,
    '/console/training': '/console/training',
    '/console/training/programmes/new': '/console/training/programmes/new',
    '/console/training/programmes/:id': `/console/training/programmes/${programme.id}`,
    '/console/training/offerings/:id': `/console/training/offerings/${offering.id}`,
    '/console/training/sessions/:id/attendance': `/console/training/sessions/${session.id}/attendance`,
    '/console/training/enrolments/:id/assessment': `/console/training/enrolments/${request.id}/assessment`,
    '/console/training/record': '/console/training/record',
    '/console/training/agencies/:id': `/console/training/agencies/${agency.id}`,
    '/console/training/progress': '/console/training/progress',
    // The public page with a search's results: the box, the count and the programme found.
    '/training': `/training?q=${encodeURIComponent('السيبرانية')}`,
  };
};
export default samples;
