import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import { type TestApp, testApp } from '../../../test/helpers/app.ts';
import { Client, signedIn } from '../../../test/helpers/client.ts';
import { buildAgency, buildUser } from '../../../test/helpers/factories.ts';
import { systemCtx } from '../../platform/auth/actor.ts';
import { pdfAvailable } from '../../platform/pdf/pdf.ts';
import { addSession, createOffering, createProgramme, setOfferingStatus, setProgrammePublished } from './training.service.ts';

// The certificate of a training completion as a PDF, printed by Chromium through the platform's
// renderer with the Naskh font embedded: the learner's record links it, and its text — read back out
// of the PDF by an independent routine below, not by the code that made it — holds the serial, the
// learner's name in logical Arabic order and the programme's title in the page's language. Without
// Chromium the record does not offer it and the address answers a 503 in the reader's language.

describe('training: the certificate as a PDF', () => {
  let t: TestApp;
  let bare: TestApp;
  after(async () => {
    await t?.close();
    await bare?.close();
  });

  /** An employee completes a programme through the pages (enrol, approval, attendance); returns their client and certificate's serial. */
  const complete = async (app: TestApp) => {
    const agency = await buildAgency(app.deps, { code: 'alpha', name_ar: 'هيئة ألفا', name_en: 'Alpha Authority' });
    await buildUser(app.deps, { email: 'office@program.sa', role: 'program_admin' });
    await buildUser(app.deps, { email: 'admin@alpha.sa', role: 'agency_admin', agencyId: agency.id });
    await buildUser(app.deps, { email: 'huda@alpha.sa', role: 'agency_editor', agencyId: agency.id, name: 'هدى العتيبي' });
    const ctx = systemCtx();
    const p = await createProgramme(app.deps, ctx, {
      code: 'CYBER-1',
      title_ar: 'أساسيات الأمن السيبراني',
      title_en: 'Cybersecurity basics',
      description_ar: 'كلمات المرور والتصيد',
      description_en: 'Passwords and phishing',
      audience: 'employees',
      track: 'cybersecurity',
      hours: '2',
      delivery_mode: 'online',
      min_attendance_pct: '100',
    });
    await setProgrammePublished(app.deps, ctx, p.id, true);
    const o = await createOffering(app.deps, ctx, p.id, {
      starts_on: '2025-03-01',
      ends_on: '2025-03-02',
      online_url: 'https://meet.example.gov.sa/c',
      capacity: '5',
    });
    const s = await addSession(app.deps, ctx, o.id, { starts_at: '2025-03-01T06:00:00Z', ends_at: '2025-03-01T08:00:00Z' });
    await setOfferingStatus(app.deps, ctx, o.id, { status: 'open' });
    const [learner, admin, office] = await Promise.all(
      ['huda@alpha.sa', 'admin@alpha.sa', 'office@program.sa'].map((e) => signedIn(app.app, e)),
    );
    assert.equal((await learner.post(`/ar/console/training/offerings/${o.id}/enrol`, {})).statusCode, 303);
    const e = await app.deps.db.selectFrom('training_enrolments').selectAll().executeTakeFirstOrThrow();
    assert.equal((await admin.post(`/ar/console/training/enrolments/${e.id}/approve`, {})).statusCode, 303);
    assert.equal((await office.post(`/ar/console/training/sessions/${s.id}/attendance`, { present: String(e.id) })).statusCode, 303);
    const c = await app.deps.db.selectFrom('credentials').selectAll().where('source', '=', 'training').executeTakeFirstOrThrow();
    return { learner, serial: c.serial };
  };

  before(async () => {
    t = await testApp();
    bare = await testApp({ CHROMIUM_PATH: '/nonexistent/chromium' });
  });

  it('links the PDF from the learning record, and the PDF holds the serial, the name and the title in each language', {
    skip: !pdfAvailable(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'),
  }, async () => {
    const { learner, serial } = await complete(t);
    const record = await learner.get('/ar/console/training/record');
    const link = new RegExp(`href="(/ar/verify/${serial}/certificate\\.pdf)"`).exec(record.body)?.[1];
    assert.ok(link, 'the record links the certificate’s PDF');
    const ar = await learner.get(link);
    assert.equal(ar.statusCode, 200);
    assert.equal(ar.headers['content-type'], 'application/pdf');
    assert.match(ar.rawPayload.toString('latin1'), /\/FontName \/[A-Z]{6}\+NotoNaskhArabic/, 'the Naskh font is embedded');
    const arText = pdfText(ar.rawPayload);
    assert.ok(arText.includes(serial), arText);
    assert.ok(arText.includes('هدى العتيبي'), `the name, in logical order: ${arText}`);
    assert.ok(arText.includes('أساسيات الأمن السيبراني'), arText);
    const en = await new Client(t.app).get(`/en/verify/${serial}/certificate.pdf`);
    assert.equal(en.statusCode, 200);
    const enText = pdfText(en.rawPayload);
    assert.ok(enText.includes(serial), enText);
    assert.ok(enText.includes('هدى العتيبي'), enText);
    assert.ok(enText.includes('Cybersecurity basics'), enText);
    assert.ok(!enText.includes('أساسيات الأمن السيبراني'), 'the English certificate names the programme in English');
  });

  it('without Chromium, does not offer the PDF and answers a 503 in the reader’s language', async () => {
    const { learner, serial } = await complete(bare);
    const record = await learner.get('/en/console/training/record');
    assert.match(record.body, new RegExp(`/en/verify/${serial}"`), 'the verification page is still linked');
    assert.doesNotMatch(record.body, /certificate\.pdf/);
    const en = await learner.get(`/en/verify/${serial}/certificate.pdf`);
    assert.equal(en.statusCode, 503);
    assert.match(en.body, /PDFs cannot be produced on this server just now/);
    const ar = await learner.get(`/ar/verify/${serial}/certificate.pdf`);
    assert.equal(ar.statusCode, 503);
    assert.match(ar.body, /لا يمكن إنشاء ملفات PDF/);
  });
});

/**
 * The text of a PDF Chromium printed, line by line in reading order: each font's ToUnicode map turns
 * glyph codes back into characters, a span's ActualText (how Chromium marks shaped Arabic: a ligature
 * or a contextual form) stands for its glyphs, a /ReversedChars run (a right-to-left word laid out
 * left to right) is put back in logical order, and the words of a line — placed one by one — are
 * ordered by where they sit, right to left when the line has Arabic in it. Enough to find a name and
 * a serial in a one-page certificate; not a general PDF parser.
 */
function pdfText(pdf: Buffer): string {
  const src = pdf.toString('latin1');
  const objects = new Map<number, string>();
  for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g)) objects.set(Number(m[1]), m[2]);
  // A stream's bytes are exactly its /Length (direct or an indirect object): its data may itself end
  // in a carriage return, which a pattern up to «\r?\nendstream» would cut off.
  const streamOf = (body: string | undefined): string => {
    const start = body ? /stream\r?\n/.exec(body) : null;
    const length = body ? /\/Length (\d+)(?: 0 R)?/.exec(body) : null;
    if (!body || !start || !length) return '';
    const n = length[0].endsWith('R') ? Number(objects.get(Number(length[1]))?.trim()) : Number(length[1]);
    const data = body.slice(start.index + start[0].length, start.index + start[0].length + n);
    return /\/FlateDecode/.test(body) ? inflateSync(Buffer.from(data, 'latin1')).toString('latin1') : data;
  };
  const utf16 = (hex: string) => {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
    return s;
  };
  // Each font object's glyph code → text, from its ToUnicode CMap.
  const cmaps = new Map<number, Map<number, string>>();
  for (const [n, body] of objects) {
    const ref = /\/ToUnicode (\d+) 0 R/.exec(body);
    if (!ref) continue;
    const cmap = streamOf(objects.get(Number(ref[1])));
    const map = new Map<number, string>();
    for (const block of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const [, code, text] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        map.set(Number.parseInt(code, 16), utf16(text));
    for (const block of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
      for (const [, lo, hi, text] of block[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const first = Number.parseInt(text, 16);
        for (let c = Number.parseInt(lo, 16); c <= Number.parseInt(hi, 16); c++)
          map.set(c, String.fromCharCode(first + c - Number.parseInt(lo, 16)));
      }
    cmaps.set(n, map);
  }
  // Resource names (/F4) → font objects.
  const fonts = new Map<string, number>();
  for (const m of src.matchAll(/\/Font\s*<<([^>]*)>>/g))
    for (const f of m[1].matchAll(/\/([^\s/]+)\s+(\d+) 0 R/g)) fonts.set(f[1], Number(f[2]));

  type Matrix = [number, number, number, number, number, number];
  const times = (m: Matrix, n: Matrix): Matrix => [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
  const num = String.raw`-?[\d.]+`;
  const token = new RegExp(
    [
      String.raw`\/Span\s*<<\s*\/ActualText\s*<([0-9A-Fa-f]*)>\s*>>\s*BDC`,
      String.raw`\/(ReversedChars)\s*BMC`,
      String.raw`\/[^\s/<[(]+\s*(?:<<[\s\S]*?>>\s*)?BDC`,
      String.raw`\/[^\s/<[(]+\s*BMC`,
      String.raw`\bEMC\b`,
      String.raw`\/([^\s/<[(]+)\s+${num}\s+Tf\b`,
      String.raw`<([0-9A-Fa-f]*)>\s*Tj\b`,
      String.raw`\[((?:<[0-9A-Fa-f]*>|[^\]<])*)\]\s*TJ\b`,
      `((?:${num}\\s+){6})(cm|Tm)\\b`,
      String.raw`\bBT\b|\bET\b|\bq\b|\bQ\b`,
    ].join('|'),
    'g',
  );
  const runs: { x: number; y: number; text: string }[] = [];
  for (const [n, body] of objects) {
    if (cmaps.has(n) || !/\/FlateDecode/.test(body) || /\/(FontFile|Subtype)/.test(body)) continue;
    const content = streamOf(body);
    if (!/\bTf\b/.test(content)) continue;
    type Frame = { actual?: string; reversed: boolean; units: string[] };
    let stack: Frame[] = [{ reversed: false, units: [] }];
    let map = new Map<number, string>();
    let ctm: Matrix = [1, 0, 0, 1, 0, 0];
    const saved: Matrix[] = [];
    let at = { x: 0, y: 0 };
    let placed = false;
    const glyphs = (hex: string) => {
      for (let i = 0; i + 4 <= hex.length; i += 4)
        stack[stack.length - 1].units.push(map.get(Number.parseInt(hex.slice(i, i + 4), 16)) ?? '');
    };
    for (const m of content.matchAll(token)) {
      const [whole, actual, reversed, font, tj, tjArray, six, op] = m;
      if (actual !== undefined) stack.push({ actual: utf16(actual.replace(/^FEFF/i, '')), reversed: false, units: [] });
      else if (reversed) stack.push({ reversed: true, units: [] });
      else if (/(BDC|BMC)$/.test(whole)) stack.push({ reversed: false, units: [] });
      else if (whole === 'EMC' && stack.length > 1) {
        const f = stack.pop() as Frame;
        const parent = stack[stack.length - 1].units;
        if (f.actual !== undefined) parent.push(f.actual);
        else parent.push(...(f.reversed ? [...f.units].reverse() : f.units));
      } else if (font !== undefined) map = cmaps.get(fonts.get(font) ?? -1) ?? new Map();
      else if (tj !== undefined) glyphs(tj);
      else if (tjArray !== undefined) for (const h of tjArray.matchAll(/<([0-9A-Fa-f]*)>/g)) glyphs(h[1]);
      else if (op === 'cm') ctm = times(six.trim().split(/\s+/).map(Number) as Matrix, ctm);
      else if (op === 'Tm' && !placed) {
        const p = times(six.trim().split(/\s+/).map(Number) as Matrix, ctm);
        at = { x: p[4], y: p[5] };
        placed = true;
      } else if (whole === 'q') saved.push(ctm);
      else if (whole === 'Q') ctm = saved.pop() ?? ctm;
      else if (whole === 'BT') {
        stack = [{ reversed: false, units: [] }];
        placed = false;
      } else if (whole === 'ET') runs.push({ ...at, text: stack.map((f) => f.units.join('')).join('') });
    }
  }
  // Lines by height (a few points of tolerance), words by where they sit.
  const lines: { y: number; runs: typeof runs }[] = [];
  for (const r of runs.sort((a, b) => a.y - b.y)) {
    const line = lines.find((l) => Math.abs(l.y - r.y) < 3);
    if (line) line.runs.push(r);
    else lines.push({ y: r.y, runs: [r] });
  }
  return lines
    .map((l) => {
      const words = l.runs.sort((a, b) => a.x - b.x).map((r) => r.text);
      return (words.some((w) => /[\u0600-\u06FF]/.test(w)) ? words.reverse() : words).join('');
    })
    .join('\n');
}
