import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { AppError } from '../../platform/http/errors.ts';
import { nominate } from './enrolment.service.ts';
import { exportProgressXlsx } from './exports.ts';
import { exportProgress, nationalProgress, recordCompletion, setTarget } from './progress.service.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// Targets by track and hours per employee, with known answers. Agency A has 4 staff: one completed a
// data programme (3 h) and a cybersecurity one (5 h), another the data programme; so 2 of 4 trained,
// 11 hours, 2.75 per employee; 2 of 4 on data (50 %), 1 of 4 on cybersecurity (25 %). Agency B has 2
// staff, one of whom completed the cybersecurity programme: 2.5 hours per employee, 50 % on it.

describe('training: targets by track and hours per employee', () => {
  let t: TestApp;
  const office = systemCtx('test office');
  let a = 0;
  let b = 0;
  const year = new Date().getUTCFullYear();

  before(async () => {
    t = await testApp();
    a = (await buildAgency(t.deps, { code: 'alpha', name_en: 'Alpha Authority' })).id;
    b = (await buildAgency(t.deps, { code: 'beta', name_en: 'Beta Ministry' })).id;
    const staffA = [];
    for (let i = 0; i < 4; i++) staffA.push((await buildUser(t.deps, { role: 'agency_editor', agencyId: a })).id);
    const staffB = [];
    for (let i = 0; i < 2; i++) staffB.push((await buildUser(t.deps, { role: 'agency_editor', agencyId: b })).id);
    await buildUser(t.deps, { email: 'leader@program.sa', role: 'leadership_viewer' });
    const offering = async (code: string, track: string, hours: string) => {
      const p = await createProgramme(t.deps, office, {
        code,
        title_ar: code,
        title_en: code,
        description_ar: 'و',
        description_en: 'D',
        audience: 'employees',
        track,
        hours,
        delivery_mode: 'online',
        min_attendance_pct: '100',
      });
      await setProgrammePublished(t.deps, office, p.id, true);
      const o = await createOffering(t.deps, office, p.id, {
        starts_on: '2030-01-05',
        ends_on: '2030-01-05',
        online_url: 'https://meet.example.gov.sa/t',
        capacity: '20',
      });
      await addSession(t.deps, office, o.id, { starts_at: '2030-01-05T06:00:00Z', ends_at: '2030-01-05T08:00:00Z' });
      await setOfferingStatus(t.deps, office, o.id, { status: 'open' });
      return o.id;
    };
    const data = await offering('DATA-1', 'data', '3');
    const cyber = await offering('CYB-1', 'cybersecurity', '5');
    const complete = async (offeringId: number, agencyId: number, userId: number) => {
      const [e] = await nominate(t.deps, office, offeringId, agencyId, { user_ids: [String(userId)] });
      await recordCompletion(t.deps, office, e.id, { reason: 'Known answer' });
    };
    await complete(data, a, staffA[0]);
    await complete(cyber, a, staffA[0]);
    await complete(data, a, staffA[1]);
    await complete(cyber, b, staffB[0]);
  });
  after(() => t.close());

  it('refuses a bad hours or track target field by field, writing nothing', async () => {
    for (const [field, value] of [
      ['hours_per_employee', '-1'],
      ['track_data', '150'],
      ['track_cybersecurity', 'many'],
    ] as const) {
      const err = await setTarget(t.deps, office, { agency_id: String(a), year: String(year), target_pct: '60', [field]: value }).catch(
        (e) => e,
      );
      assert.ok(err instanceof AppError);
      assert.equal(err.status, 400);
      assert.deepEqual(
        err.fieldErrors?.map((f) => f.field),
        [field],
      );
    }
    assert.equal((await t.deps.db.selectFrom('training_targets').selectAll().execute()).length, 0);
    assert.equal((await t.deps.db.selectFrom('training_track_targets').selectAll().execute()).length, 0);
  });

  it('computes hours per employee and the share trained on each targeted track', async () => {
    await setTarget(t.deps, office, {
      agency_id: String(a),
      year: String(year),
      target_pct: '60',
      hours_per_employee: '٣',
      track_data: '50',
      track_cybersecurity: '30',
    });
    await setTarget(t.deps, office, { agency_id: String(b), year: String(year), target_pct: '50', track_cybersecurity: '50' });
    const d = await nationalProgress(t.deps, office, year);
    const rowA = d.rows.find((r) => r.agencyId === a);
    const rowB = d.rows.find((r) => r.agencyId === b);
    assert.deepEqual(rowA, {
      agencyId: a,
      staff: 4,
      trained: 2,
      share: 0.5,
      hours: 11,
      target: 60,
      hoursPerEmployee: 2.75,
      hoursTarget: 3,
      tracks: [
        { track: 'data', trained: 2, share: 0.5, target: 50 },
        { track: 'cybersecurity', trained: 1, share: 0.25, target: 30 },
      ],
    });
    assert.deepEqual(rowB, {
      agencyId: b,
      staff: 2,
      trained: 1,
      share: 0.5,
      hours: 5,
      target: 50,
      hoursPerEmployee: 2.5,
      hoursTarget: null,
      tracks: [{ track: 'cybersecurity', trained: 1, share: 0.5, target: 50 }],
    });
    assert.equal(d.total.hoursPerEmployee, 16 / 6);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'training.target.set')
      .orderBy('seq')
      .executeTakeFirstOrThrow();
    assert.match(audit.after_json ?? '', /"track_data":50/);

    // Setting again without a track removes that track's target.
    await setTarget(t.deps, office, { agency_id: String(b), year: String(year), target_pct: '50' });
    const again = await nationalProgress(t.deps, office, year);
    assert.deepEqual(again.rows.find((r) => r.agencyId === b)?.tracks, []);
    await setTarget(t.deps, office, { agency_id: String(b), year: String(year), target_pct: '50', track_cybersecurity: '50' });
  });

  it('shows them on the progress page as charts with tables, and in the CSV and XLSX', async () => {
    const leader = await signedIn(t.app, 'leader@program.sa');
    const page = await leader.get(`/en/console/training/progress?year=${year}`);
    assert.equal(page.statusCode, 200);
    const figures = [...page.body.matchAll(/<figure class="chart"[\s\S]*?<\/figure>/g)].map((m) => m[0]);
    assert.equal(figures.length, 4);
    const cells = (html: string) =>
      [...html.slice(html.indexOf('<tbody>')).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) =>
        [...r[1].matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]),
      );
    const [, , hours, tracks] = figures;
    assert.deepEqual(cells(hours), [
      ['Alpha Authority', '2.8', '3'],
      ['Beta Ministry', '2.5', '—'],
    ]);
    assert.deepEqual(cells(tracks), [
      ['Alpha Authority', 'Data', '2', '50%', '50%'],
      ['Alpha Authority', 'Cybersecurity awareness', '1', '25%', '30%'],
      ['Beta Ministry', 'Cybersecurity awareness', '1', '50%', '50%'],
    ]);
    const ar = await leader.get(`/ar/console/training/progress?year=${year}`);
    assert.match(ar.body, /٢٫٧٥|٢٫٨/, 'hours per employee in Arabic-Indic digits');

    const csv = (await exportProgress(t.deps, office, year, 'en')).body
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    assert.ok(csv.includes('alpha,Alpha Authority,4,2,0.5,0.6,11,2.75,3,,,0.5,0.5,0.25,0.3,,,,'), csv.join('\n'));
    assert.ok(csv.includes('beta,Beta Ministry,2,1,0.5,0.5,5,2.5,,,,,,0.5,0.5,,,,'), csv.join('\n'));

    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await exportProgressXlsx(t.deps, office, year, 'en')).body as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    assert.deepEqual(header.slice(7, 13), [
      'Hours per employee',
      'Target hours per employee',
      'Share trained: Digital services',
      'Target: Digital services',
      'Share trained: Data',
      'Target: Data',
    ]);
    const alpha = [2, 3, 4].map((i) => (sheet.getRow(i).values as unknown[]).slice(1)).find((r) => r[0] === 'alpha') as unknown[];
    assert.deepEqual(Array.from(alpha.slice(7, 15)), [2.75, 3, undefined, undefined, 0.5, 0.5, 0.25, 0.3]);
  });
});
