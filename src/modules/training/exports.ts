import type { MessageKey } from '../../messages.ts';
import { recordAuditNow } from '../../platform/audit/audit.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { NotFoundError } from '../../platform/http/errors.ts';
import { type Lang, pick, translate } from '../../platform/i18n/i18n.ts';
import { loadExcelJS } from '../../platform/xlsx.ts';
import { allAgencies, findUser } from '../identity/public.ts';
import { certificateOf, guestCertificateOf } from './certificates.ts';
import { guestCompletionOf } from './guest-learning.service.ts';
import { completionOf, nationalProgress, progressCells } from './progress.service.ts';
import { trainingPolicy } from './training.policy.ts';
import * as repo from './training.repo.ts';
import { tracks } from './training.tables.ts';

// Spreadsheets for the office, leadership and trainers: the offerings of a year with their seats,
// waitlists, sign-ups from the public, completions and evaluation returns; one offering's attendance
// register (a column per session, staff and members of the public together, with completion and the
// certificate's serial); and the national progress. Headers are in the asker's language, sheets run
// right to left in Arabic, figures stay numbers, and text is never written as a formula. Each
// download is audited.

type Cell = string | number | null;
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function workbook(lang: Lang, sheet: string, header: string[], rows: Cell[][]): Promise<Buffer> {
  const ExcelJS = await loadExcelJS();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Yusr';
  const ws = wb.addWorksheet(sheet.slice(0, 31), { views: [{ rightToLeft: lang === 'ar', state: 'frozen', ySplit: 1 }] });
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const heads = (lang: Lang, keys: MessageKey[]) => keys.map((k) => translate(lang, k));

/** Every offering that starts in a year, with its figures: the office and leadership. */
export async function exportOfferings(deps: Deps, ctx: Ctx, year: number, lang: Lang) {
  authorize(trainingPolicy.readProgress(ctx.actor));
  const programmes = new Map((await repo.listProgrammes(deps.db)).map((p) => [p.id, p]));
  const rows: Cell[][] = [];
  for (const o of await repo.listOfferings(deps.db)) {
    if (!o.starts_on.startsWith(`${year}-`)) continue;
    const p = programmes.get(o.programme_id);
    if (!p) continue;
    const counts = await repo.countByStatus(deps.db, o.id);
    const guests = await repo.listGuests(deps.db, o.id);
    const completedStaff = (await repo.listEnrolments(deps.db, o.id)).filter((e) => e.completed_at).length;
    const invites = await repo.inviteCounts(deps.db, o.id);
    rows.push([
      p.code,
      pick(lang, p, 'title'),
      translate(lang, `training.audience.${p.audience}`),
      translate(lang, `training.track.${p.track}`),
      translate(lang, `training.mode.${p.delivery_mode}`),
      p.hours,
      o.starts_on,
      o.ends_on,
      translate(lang, `training.offering_status.${o.status}`),
      o.capacity,
      o.seats_taken,
      counts.enrolled,
      guests.filter((g) => g.status === 'enrolled').length,
      counts.waitlisted + guests.filter((g) => g.status === 'waitlisted').length,
      counts.requested,
      completedStaff + guests.filter((g) => g.completed_at).length,
      invites.sent,
      invites.answered,
    ]);
  }
  await recordAuditNow(deps.db, ctx, {
    action: 'training.offerings_export',
    recordType: 'training_offering',
    recordId: null,
    after: { year, format: 'xlsx', rows: rows.length },
  });
  const header = heads(lang, [
    'training.xlsx.code',
    'training.field.programme',
    'training.field.audience',
    'training.field.track',
    'training.field.mode',
    'training.field.hours',
    'training.field.starts_on',
    'training.field.ends_on',
    'training.field.status',
    'training.field.capacity',
    'training.xlsx.seats_taken',
    'training.xlsx.staff_enrolled',
    'training.xlsx.public_enrolled',
    'training.xlsx.waitlisted',
    'training.xlsx.requested',
    'training.xlsx.completed',
    'training.xlsx.evaluations_sent',
    'training.xlsx.evaluations_answered',
  ]);
  return { filename: `yusr-training-offerings-${year}.xlsx`, body: await workbook(lang, String(year), header, rows) };
}

/**
 * One offering's attendance register: each seated person (staff and members of the public), present
 * (1) or absent (0) per session, blank where not yet marked, the attendance share, the best score,
 * completion and the certificate's serial. The office and the offering's trainers.
 */
export async function exportAttendance(deps: Deps, ctx: Ctx, offeringId: number, lang: Lang) {
  const o = await repo.findOffering(deps.db, offeringId);
  const p = o ? await repo.findProgramme(deps.db, o.programme_id) : undefined;
  if (!o || !p) throw new NotFoundError();
  authorize(trainingPolicy.markAttendance(ctx.actor, await repo.trainerIds(deps.db, o.id)));
  const sessions = await repo.listSessions(deps.db, o.id);
  const staffMarks = new Map<number, Map<number, number>>();
  const guestMarks = new Map<number, Map<number, number>>();
  for (const s of sessions) {
    for (const a of await repo.attendanceOf(deps.db, s.id))
      staffMarks.set(s.id, (staffMarks.get(s.id) ?? new Map()).set(a.enrolment_id, a.present));
    for (const a of await repo.guestAttendanceOf(deps.db, s.id))
      guestMarks.set(s.id, (guestMarks.get(s.id) ?? new Map()).set(a.guest_id, a.present));
  }
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, pick(lang, a, 'name')]));
  const kindStaff = translate(lang, 'training.xlsx.kind_staff');
  const kindPublic = translate(lang, 'training.xlsx.kind_public');
  const basis = (b: string | null) =>
    b === 'manual' ? translate(lang, 'training.completion.manual') : b ? translate(lang, 'training.xlsx.by_criteria') : null;
  const rows: Cell[][] = [];
  for (const e of (await repo.listEnrolments(deps.db, o.id)).filter((x) => x.status === 'enrolled')) {
    const r = await completionOf(deps.db, e, p);
    const cert = await certificateOf(deps.db, e);
    rows.push([
      (await findUser(deps.db, e.user_id))?.name ?? '',
      kindStaff,
      agencies.get(e.agency_id) ?? '',
      ...sessions.map((s) => staffMarks.get(s.id)?.get(e.id) ?? null),
      r.attendance,
      r.bestScore,
      e.completed_at?.slice(0, 10) ?? null,
      basis(e.completion_basis),
      cert && !cert.revoked_at ? cert.serial : null,
    ]);
  }
  for (const g of (await repo.listGuests(deps.db, o.id)).filter((x) => x.status === 'enrolled')) {
    const r = await guestCompletionOf(deps.db, g, p);
    const cert = await guestCertificateOf(deps.db, g);
    rows.push([
      g.name,
      kindPublic,
      null,
      ...sessions.map((s) => guestMarks.get(s.id)?.get(g.id) ?? null),
      r.attendance,
      r.bestScore,
      g.completed_at?.slice(0, 10) ?? null,
      basis(g.completion_basis),
      cert && !cert.revoked_at ? cert.serial : null,
    ]);
  }
  await recordAuditNow(deps.db, ctx, {
    action: 'training.attendance_export',
    recordType: 'training_offering',
    recordId: o.id,
    after: { format: 'xlsx', rows: rows.length },
  });
  const header = [
    ...heads(lang, ['training.field.person', 'training.xlsx.kind', 'training.field.agency']),
    ...sessions.map((s, i) => translate(lang, 'training.xlsx.session', { n: i + 1, day: s.starts_at.slice(0, 10) })),
    ...heads(lang, [
      'training.field.attendance',
      'training.xlsx.best_score',
      'training.field.completion',
      'training.xlsx.basis',
      'training.xlsx.certificate',
    ]),
  ];
  return { filename: `yusr-training-attendance-${p.code}-${o.starts_on}.xlsx`, body: await workbook(lang, p.code, header, rows) };
}

/** The national progress of a year as a spreadsheet (as the CSV): one row per agency and the total. */
export async function exportProgressXlsx(deps: Deps, ctx: Ctx, year: number, lang: Lang) {
  const d = await nationalProgress(deps, ctx, year);
  const agencies = new Map((await allAgencies(deps)).map((a) => [a.id, a]));
  const rows: Cell[][] = d.rows.map((r) => {
    const a = agencies.get(r.agencyId);
    return [a?.code ?? '', a ? pick(lang, a, 'name') : '', ...progressCells(r)];
  });
  rows.push([
    '',
    translate(lang, 'training.progress.total'),
    d.total.staff,
    d.total.trained,
    d.total.share,
    null,
    d.total.hours,
    d.total.hoursPerEmployee,
    null,
    ...tracks.flatMap(() => [null, null]),
  ]);
  await recordAuditNow(deps.db, ctx, {
    action: 'training.progress_export',
    recordType: 'training_progress',
    recordId: null,
    after: { year, format: 'xlsx', rows: d.rows.length },
  });
  const header = heads(lang, [
    'training.xlsx.code',
    'training.field.agency',
    'training.field.staff',
    'training.field.trained',
    'training.field.share',
    'training.field.target',
    'training.field.hours_done',
    'training.field.hours_per_employee',
    'training.field.hours_target',
  ]).concat(
    tracks.flatMap((t) => [
      translate(lang, 'training.progress.track_share', { track: translate(lang, `training.track.${t}` as const) }),
      translate(lang, 'training.progress.track_target', { track: translate(lang, `training.track.${t}` as const) }),
    ]),
  );
  return { filename: `yusr-training-${year}.xlsx`, body: await workbook(lang, String(year), header, rows) };
}
