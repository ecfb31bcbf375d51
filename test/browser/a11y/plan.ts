import {
  addKpi,
  addMilestone,
  addPeriod,
  addRisk,
  addTrack,
  committees,
  createInitiative,
  createPlan,
  proposeChange,
  saveReport,
  setInitiativeArchived,
  setKpiArchived,
  setMilestoneArchived,
  setPlanStatus,
  setPublished,
  systems,
} from '../../../src/modules/plan/testing.ts';
import { type Ctx, systemCtx } from '../../../src/platform/auth/actor.ts';
import { buildAgency, buildUser } from '../../helpers/factories.ts';
import type { SampleBuilder } from './types.ts';

/** Plan pages: an active, published plan with a track, two periods, an initiative with a milestone, a KPI, a drafted report, a change request waiting for the office and an escalated risk. */
const samples: SampleBuilder = async ({ deps }) => {
  const agency = await buildAgency(deps, { code: 'a11y-plan', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority' });
  const user = await buildUser(deps, { email: 'a11y-plan@dga.gov.sa', role: 'agency_admin', agencyId: agency.id, name: 'نورة' });
  const office = systemCtx('a11y');
  const staff: Ctx = {
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
  const plan = await createPlan(deps, office, {
    code: 'a11y-ep',
    name_ar: 'الخطة التنفيذية الثانية',
    name_en: 'Second executive plan',
    period_from: '2025-01-01',
    period_to: '2027-12-31',
  });
  const track = await addTrack(deps, office, plan.id, { name_ar: 'البنية التحتية', name_en: 'Infrastructure', weight: '30' });
  const q1 = await addPeriod(deps, office, plan.id, {
    code: '2025-Q1',
    starts_on: '2025-01-01',
    ends_on: '2025-03-31',
    due_on: '2025-04-21',
  });
  await addPeriod(deps, office, plan.id, { code: '2025-Q2', starts_on: '2025-04-01', ends_on: '2025-06-30', due_on: '2025-07-21' });
  const gsb = await systems.createSystem(deps, office, {
    code: 'a11y-gsb',
    name_ar: 'قناة التكامل الحكومية',
    name_en: 'Government service bus',
    description_ar: 'تبادل البيانات بين الجهات الحكومية آليًا',
    description_en: 'Automatic data exchange between agencies',
    owner_agency_id: String(agency.id),
    status: 'in_service',
  });
  const initiative = await createInitiative(deps, office, plan.id, {
    systems: 'a11y-gsb',
    code: 'INF-01',
    name_ar: 'الشبكة الحكومية الآمنة',
    name_en: 'Secure government network',
    objective_ar: 'ربط الجهات الحكومية بشبكة آمنة',
    objective_en: 'Connect government agencies over a secure network',
    track_id: String(track.id),
    owner_agency_id: String(agency.id),
    weight: '2',
    planned_start: '2025-01-01',
    planned_end: '2025-12-31',
    budget_sar: '5000000',
  });
  const milestone = await addMilestone(deps, staff, initiative.id, {
    name_ar: 'المتطلبات',
    name_en: 'Requirements',
    weight: '10',
    planned_date: '2025-02-15',
  });
  const kpi = await addKpi(deps, staff, initiative.id, {
    name_ar: 'مدة الإنجاز',
    name_en: 'Processing time',
    unit_ar: 'يوم',
    unit_en: 'days',
    kpi_type: 'number',
    direction: 'decrease',
    baseline: '14',
    baseline_date: '2025-01-01',
  });
  // Archived records, so the "show archived" lists have rows.
  const old = await addMilestone(deps, staff, initiative.id, {
    name_ar: 'دراسة ملغاة',
    name_en: 'Dropped study',
    weight: '1',
    planned_date: '2025-02-01',
  });
  await setMilestoneArchived(deps, staff, old.id, true);
  const oldKpi = await addKpi(deps, staff, initiative.id, {
    name_ar: 'مؤشر قديم',
    name_en: 'Old KPI',
    unit_ar: 'عدد',
    unit_en: 'count',
    kpi_type: 'number',
    direction: 'increase',
    baseline: '1',
    baseline_date: '2025-01-01',
  });
  await setKpiArchived(deps, staff, oldKpi.id, true);
  const dropped = await createInitiative(deps, office, plan.id, {
    code: 'INF-99',
    name_ar: 'مبادرة مؤرشفة',
    name_en: 'Archived initiative',
    objective_ar: 'هدف',
    objective_en: 'Objective',
    track_id: String(track.id),
    owner_agency_id: String(agency.id),
    weight: '1',
    planned_start: '2025-01-01',
    planned_end: '2025-12-31',
    budget_sar: '0',
  });
  await setInitiativeArchived(deps, office, dropped.id, true);
  const oldSystem = await systems.createSystem(deps, office, {
    code: 'a11y-old',
    name_ar: 'نظام متقاعد',
    name_en: 'Retired system',
    description_ar: 'وصف',
    description_en: 'Description',
    owner_agency_id: String(agency.id),
    status: 'retired',
  });
  await systems.setSystemArchived(deps, office, oldSystem.id, true);
  await setPlanStatus(deps, office, plan.id, { status: 'approved' });
  await setPlanStatus(deps, office, plan.id, { status: 'active' });
  await setPublished(deps, office, 'plan', plan.id, true);
  await setPublished(deps, office, 'initiative', initiative.id, true);
  await saveReport(deps, staff, initiative.id, q1.id, { narrative: 'اكتمل جمع المتطلبات.' });
  await proposeChange(deps, staff, initiative.id, {
    planned_end: '2026-03-31',
    budget_sar: '6500000',
    reason: 'تأخر المورّد في توريد المعدات',
  });
  const risk = await addRisk(deps, staff, initiative.id, {
    kind: 'risk',
    title: 'تأخر المورّد في توريد المعدات',
    likelihood: '4',
    impact: '4',
    owner: 'إدارة تقنية المعلومات',
    mitigation: 'مورد بديل جاهز',
    status: 'escalated',
    review_on: '2025-05-01',
  });
  const committee = await committees.saveCommittee(deps, staff, agency.id, {
    name_ar: 'لجنة التعاملات الإلكترونية',
    name_en: 'E-transactions committee',
  });
  const chair = await committees.addMember(deps, staff, committee.id, { name: 'د. خالد العتيبي', role_title: 'رئيس اللجنة', chair: 'on' });
  await committees.addMember(deps, staff, committee.id, { user_id: String(user.id), role_title: 'أمينة اللجنة' });
  const meeting = await committees.addMeeting(deps, staff, committee.id, { held_at: '2025-03-01T07:00:00.000Z', agenda: 'متابعة الخطة' });
  await committees.recordMinutes(deps, staff, meeting.id, { minutes: 'اتفقت اللجنة على أولويات الخدمات.' });
  await committees.recordAttendance(deps, staff, meeting.id, { [`member_${chair.id}`]: 'present' });
  await committees.addDecision(deps, staff, meeting.id, {
    decision: 'إطلاق خدمة التراخيص',
    owner_member_id: String(chair.id),
    due_on: '2025-04-01',
  });
  return {
    '/console/plans/systems': '/console/plans/systems',
    '/console/plans/systems?archived=1': '/console/plans/systems?archived=1',
    '/console/plans/:id?archived=1': `/console/plans/${plan.id}?archived=1`,
    '/console/plans/initiatives/:id?archived=1': `/console/plans/initiatives/${initiative.id}?archived=1`,
    '/console/plans/initiatives/:id (archived)': `/console/plans/initiatives/${dropped.id}`,
    '/console/plans/systems/:id (archived)': `/console/plans/systems/${oldSystem.id}`,
    '/console/plans/systems/:id': `/console/plans/systems/${gsb.id}`,
    '/console/plans/committees': '/console/plans/committees',
    '/console/plans/committees/:id': `/console/plans/committees/${agency.id}`,
    '/console/plans/committee-meetings/:id': `/console/plans/committee-meetings/${meeting.id}`,
    '/console/plans': '/console/plans',
    '/console/plans/:id/risks': `/console/plans/${plan.id}/risks`,
    '/console/plans/:id/bulk': `/console/plans/${plan.id}/bulk`,
    '/console/plans/initiatives/:id/risks': `/console/plans/initiatives/${initiative.id}/risks`,
    '/console/plans/risks/:id/edit': `/console/plans/risks/${risk.id}/edit`,
    '/console/plans/new': '/console/plans/new',
    '/console/plans/:id': `/console/plans/${plan.id}`,
    '/console/plans/:id/dashboard': `/console/plans/${plan.id}/dashboard`,
    '/console/plans/:id/initiatives/new': `/console/plans/${plan.id}/initiatives/new`,
    '/console/plans/initiatives/:id': `/console/plans/initiatives/${initiative.id}`,
    '/console/plans/:id/timeline': `/console/plans/${plan.id}/timeline`,
    '/console/plans/:id/baselines': `/console/plans/${plan.id}/baselines`,
    '/console/plans/initiatives/:id/changes': `/console/plans/initiatives/${initiative.id}/changes`,
    '/console/plans/initiatives/:id/edit': `/console/plans/initiatives/${initiative.id}/edit`,
    '/console/plans/tracks/:id/edit': `/console/plans/tracks/${track.id}/edit`,
    '/console/plans/milestones/:id/edit': `/console/plans/milestones/${milestone.id}/edit`,
    '/console/plans/kpis/:id/edit': `/console/plans/kpis/${kpi.id}/edit`,
    '/console/plans/initiatives/:id/reports/:period': `/console/plans/initiatives/${initiative.id}/reports/${q1.id}`,
    '/plans': '/plans',
    '/plans/ratings': '/plans/ratings',
    '/plans/:id': `/plans/${plan.id}`,
    '/plans/initiatives/:id': `/plans/initiatives/${initiative.id}`,
  };
};
export default samples;
