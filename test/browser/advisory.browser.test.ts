import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { addAdvisor } from '../../src/modules/advisory/testing.ts';
import { systemCtx } from '../../src/platform/auth/actor.ts';
import { pdfAvailable } from '../../src/platform/pdf/pdf.ts';
import { CHROMIUM, signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

/**
 * An advisory request's whole life in Chromium without JavaScript, at 360 px, once in Arabic and once
 * in English, each step by the person whose job it is and through the pages, links and forms they
 * use: the agency's administrator submits a tender-document review; the program office opens it from
 * its queue, accepts it with a priority and assigns a lead advisor from another agency; the advisor
 * opens it from their queue, comments on a section and records three findings, then delivers with a
 * summary; the agency accepts one, accepts one in part and rejects one; the report (page, and the
 * PDF when Chromium can print) holds every accepted finding among its follow-up actions; the agency
 * closes the request with a rating. Axe cannot run without JavaScript; the accessibility suite
 * checks these pages (test/browser/a11y/advisory.ts).
 */

const journeys = {
  ar: {
    title: 'مراجعة كراسة الشروط لمنصة التراخيص',
    question: 'هل معايير التقييم عادلة لكل المتنافسين؟',
    comment: 'معايير الترجيح في هذا القسم تميل إلى مورد واحد.',
    anchor: 'كراسة الشروط، القسم ٦٫٣',
    summary: 'الكراسة سليمة عدا أوزان التقييم.',
    findings: [
      { severity: 'critical', title: 'أوزان التقييم تميل إلى مورد واحد', response: 'accept' },
      { severity: 'high', title: 'لا مستويات خدمة في العقد', response: 'accept_in_part' },
      { severity: 'low', title: 'المسرد ناقص', response: 'reject' },
    ],
    reason: 'سنضيف مستويات الخدمة الحرجة فقط.',
    closing: 'مراجعة دقيقة وسريعة.',
    words: { submitted: 'أُرسل الطلب إلى مكتب البرنامج', accepted: 'قيد العمل', delivered: 'سُلّمت الملاحظات', closed: 'أُغلق الطلب' },
  },
  en: {
    title: 'Licensing platform RFP review',
    question: 'Are the evaluation criteria fair to every bidder?',
    comment: 'The weighting in this section favours one vendor.',
    anchor: 'RFP v3, §6.3 p. 31',
    summary: 'The RFP is sound apart from its evaluation weights.',
    findings: [
      { severity: 'critical', title: 'Evaluation weights favour one vendor', response: 'accept' },
      { severity: 'high', title: 'No service levels in the contract', response: 'accept_in_part' },
      { severity: 'low', title: 'Glossary missing', response: 'reject' },
    ],
    reason: 'Only the critical service levels will be added.',
    closing: 'A careful and quick review.',
    words: {
      submitted: 'The request was sent to the program office',
      accepted: 'In progress',
      delivered: 'Findings delivered',
      closed: 'The request is closed',
    },
  },
} as const;

describe('advisory end to end in Chromium, both languages', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  const contexts: BrowserContext[] = [];

  before(async () => {
    env = await startBrowser();
    const deps = env.t.deps;
    const alpha = await buildAgency(deps, { code: 'alpha', name_ar: 'هيئة ألفا', name_en: 'Alpha Authority' });
    const beta = await buildAgency(deps, { code: 'beta', name_ar: 'وزارة بيتا', name_en: 'Beta Ministry' });
    await buildUser(deps, { email: 'admin@alpha.gov.sa', role: 'agency_admin', agencyId: alpha.id, name: 'Saad Admin' });
    await buildUser(deps, { email: 'office@program.sa', role: 'program_admin', name: 'Office Admin' });
    const lead = await buildUser(deps, { email: 'lead@advisors.sa', role: 'advisor', name: 'Layla Lead' });
    await addAdvisor(deps, systemCtx('test'), { user_id: String(lead.id), home_agency_id: String(beta.id) });
  });
  after(async () => {
    for (const c of contexts) await c.close();
    await env.close();
  });

  const as = async (email: string, lang: 'ar' | 'en'): Promise<Page> => {
    const ctx = await env.context({ javaScript: false, width: 360 });
    contexts.push(ctx);
    const page = await ctx.newPage();
    await signInAs(page, email, lang);
    return page;
  };
  /** Clicks a form's submit button (or a link) and waits for the page the server answers with. */
  const go = async (page: Page, selector: string) => {
    const [res] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
    assert.ok(res && res.status() < 400, `${selector} → ${res?.status()} at ${page.url()}`);
  };
  const main = async (page: Page) => (await page.textContent('main')) ?? '';
  const status = async (id: number) =>
    (await env.t.deps.db.selectFrom('advisory_requests').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status;

  for (const lang of ['ar', 'en'] as const) {
    it(`request → triage → assign → comment → findings → response → report → closure, in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const j = journeys[lang];

      // The agency's administrator finds the request form from the advisory queue and submits.
      const agency = await as('admin@alpha.gov.sa', lang);
      await agency.goto(`/${lang}/console/advisory`);
      await go(agency, 'main a[href$="/console/advisory/new"]');
      await agency.selectOption('[name=type]', 'tender_review');
      await agency.fill('[name=title]', j.title);
      await agency.fill('[name=question]', j.question);
      await agency.selectOption('[name=urgency]', 'high');
      await go(agency, 'form[action$="/console/advisory/new"] button[type=submit]');
      const id = Number(/\/console\/advisory\/(\d+)$/.exec(new URL(agency.url()).pathname)?.[1]);
      assert.ok(id > 0, agency.url());
      assert.ok((await agency.textContent('body'))?.includes(j.words.submitted));
      assert.equal(await status(id), 'submitted');
      const request = `a[href$="/console/advisory/${id}"]`;

      // The office opens it from its queue, accepts it and assigns the lead advisor.
      const office = await as('office@program.sa', lang);
      await office.goto(`/${lang}/console/advisory`);
      await go(office, `main ${request}`);
      assert.ok((await main(office)).includes(j.question));
      await office.selectOption('form[action$="/accept"] [name=priority]', 'high');
      await go(office, 'form[action$="/accept"] button[type=submit]');
      assert.equal(await status(id), 'accepted');
      const advisorOption = await office
        .locator('form[action$="/assign"] [name=advisor_id] option', { hasText: 'Layla Lead' })
        .getAttribute('value');
      await office.selectOption('form[action$="/assign"] [name=advisor_id]', String(advisorOption));
      await office.selectOption('form[action$="/assign"] [name=role]', 'lead');
      await go(office, 'form[action$="/assign"] button[type=submit]');
      assert.ok((await main(office)).includes('Layla Lead'));

      // The lead finds it in their queue, comments on a section, records the findings and delivers.
      const advisor = await as('lead@advisors.sa', lang);
      await advisor.goto(`/${lang}/console/advisory`);
      await go(advisor, `main ${request}`);
      await advisor.fill('form[action$="/comments"] [name=anchor]', j.anchor);
      await advisor.fill('form[action$="/comments"] [name=body]', j.comment);
      await go(advisor, 'form[action$="/comments"] button[type=submit]');
      const thread = await advisor.textContent('#comments-h + ol');
      assert.ok(thread?.includes(j.comment) && thread.includes(j.anchor), String(thread));
      for (const f of j.findings) {
        await go(advisor, `a[href$="/console/advisory/${id}/findings/new"]`);
        await advisor.selectOption('[name=severity]', f.severity);
        await advisor.fill('[name=title]', f.title);
        await advisor.fill('[name=recommendation]', `${f.title} — ${j.summary}`);
        await advisor.fill('[name=reference]', j.anchor);
        await go(advisor, 'form[action$="/findings"] button[type=submit]');
      }
      for (const f of j.findings) assert.ok((await advisor.textContent('#findings-h ~ *'))?.includes(f.title), f.title);
      await advisor.fill('form[action$="/deliver"] [name=summary]', j.summary);
      await go(advisor, 'form[action$="/deliver"] button[type=submit]');
      assert.equal(await status(id), 'delivered');

      // The agency answers each finding from the request's register.
      await agency.goto(`/${lang}/console/advisory`);
      await go(agency, `main ${request}`);
      assert.ok((await main(agency)).includes(j.words.delivered));
      for (const f of j.findings) {
        await go(agency, `main a:text("${f.title}")`);
        await agency.check(`form[action$="/response"] [name=response][value=${f.response}]`);
        if (f.response !== 'accept') await agency.fill('form[action$="/response"] [name=reason]', j.reason);
        if (f.response !== 'reject') await agency.fill('form[action$="/response"] [name=due_on]', '2030-06-30');
        await go(agency, 'form[action$="/response"] button[type=submit]');
        assert.equal(new URL(agency.url()).pathname, `/${lang}/console/advisory/${id}`);
      }
      const answered = await env.t.deps.db
        .selectFrom('advisory_findings')
        .select(['title', 'response'])
        .where('request_id', '=', id)
        .orderBy('id')
        .execute();
      assert.deepEqual(
        answered.map((f) => [f.title, f.response]),
        j.findings.map((f) => [f.title, f.response]),
      );

      // The report: every accepted finding among the follow-up actions, the rejected one not.
      await go(agency, `a[href$="/console/advisory/${id}/report"]`);
      const report = await main(agency);
      assert.ok(report.includes(j.summary), report);
      const followups = await agency.evaluate(() => {
        const from = document.getElementById('report-followups-h')?.closest('section');
        return from?.textContent ?? '';
      });
      for (const f of j.findings) {
        assert.ok(report.includes(f.title), f.title);
        assert.equal(followups.includes(f.title), f.response !== 'reject', `${f.title} among the follow-ups`);
      }
      if (pdfAvailable(CHROMIUM)) {
        const href = await agency.getAttribute(`a[href*="/report.pdf?lang=${lang}"]`, 'href');
        assert.ok(href, 'the report links its PDF');
        const pdf = await agency.request.get(href);
        assert.equal(pdf.status(), 200);
        assert.equal(pdf.headers()['content-type'], 'application/pdf');
        const body = await pdf.body();
        assert.equal(body.subarray(0, 5).toString(), '%PDF-');
        // Every accepted finding is in the text the PDF draws.
        const text = pdfText(body);
        for (const f of j.findings.filter((x) => x.response !== 'reject'))
          assert.ok(pdfShows(text, f.title, lang), `${f.title} in the PDF`);
      }

      // The agency closes the request with its rating, from the request's page.
      await go(agency, `main a[href$="/console/advisory/${id}"]`);
      await agency.check('form[action$="/close"] [name=satisfaction][value="4"]');
      await agency.fill('form[action$="/close"] [name=comment]', j.closing);
      await go(agency, 'form[action$="/close"] button[type=submit]');
      assert.ok((await agency.textContent('body'))?.includes(j.words.closed));
      const closed = await env.t.deps.db
        .selectFrom('advisory_requests')
        .select(['status', 'satisfaction', 'closure_comment'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.deepEqual(closed, { status: 'closed', satisfaction: 4, closure_comment: j.closing });
    });
  }
});

/**
 * Whether the PDF's text shows `title`: in English as written; in Arabic word by word, since the PDF
 * draws Arabic as presentation forms (NFKC gives the letters back) in visual order, right to left.
 */
function pdfShows(text: string, title: string, lang: 'ar' | 'en') {
  const plain = text.normalize('NFKC').replace(/\s+/g, ' ');
  if (lang === 'en') return plain.includes(title);
  const words = new Set(plain.split(' '));
  return title.split(' ').every((w) => words.has(w) || words.has([...w].reverse().join('')));
}

/**
 * The text a Chromium (Skia) PDF draws: its content streams inflated, each hex glyph string mapped
 * through its font's ToUnicode CMap. Enough to find words in the PDFs this suite makes.
 */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  // Each object's dictionary, and its stream's bytes (inflated) when it has one.
  const objects = new Map<number, string>();
  const streams = new Map<number, string>();
  for (const m of raw.matchAll(/(\d+) 0 obj\s*<<(.*?)>>\s*(stream\r?\n|endobj)/gs)) {
    const dict = m[2] ?? '';
    objects.set(Number(m[1]), dict);
    const length = /\/Length (\d+)/.exec(dict);
    if (!m[3]?.startsWith('stream') || !length) continue;
    const start = (m.index ?? 0) + m[0].length;
    const bytes = pdf.subarray(start, start + Number(length[1]));
    try {
      streams.set(Number(m[1]), /FlateDecode/.test(dict) ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1'));
    } catch {
      // Not a stream this reader needs (an image, say).
    }
  }
  // Font resource name → glyph → text, through each font's ToUnicode CMap.
  const cmaps = new Map<number, Map<string, string>>();
  const cmapOf = (objectId: number) => {
    const known = cmaps.get(objectId);
    if (known) return known;
    const map = new Map<string, string>();
    const body = streams.get(objectId) ?? '';
    const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => Number.parseInt(x, 16)));
    for (const block of body.matchAll(/beginbfchar(.*?)endbfchar/gs))
      for (const [, from, to] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
        map.set((from ?? '').toUpperCase(), hex(to ?? ''));
    for (const block of body.matchAll(/beginbfrange(.*?)endbfrange/gs))
      for (const [, lo, hi, to] of (block[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) {
        const width = (lo ?? '').length;
        for (let g = Number.parseInt(lo ?? '', 16), k = 0; g <= Number.parseInt(hi ?? '', 16); g++, k++)
          map.set(g.toString(16).toUpperCase().padStart(width, '0'), String.fromCodePoint(Number.parseInt(to ?? '', 16) + k));
      }
    cmaps.set(objectId, map);
    return map;
  };
  const fontsByName = new Map<string, Map<string, string>>();
  for (const body of objects.values())
    for (const dict of body.matchAll(/\/Font\s*<<(.*?)>>/gs))
      for (const [, name, ref] of (dict[1] ?? '').matchAll(/\/(\w+)\s+(\d+) 0 R/g)) {
        const font = objects.get(Number(ref)) ?? '';
        const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(font);
        if (toUnicode) fontsByName.set(name ?? '', cmapOf(Number(toUnicode[1])));
      }
  let out = '';
  for (const content of streams.values()) {
    if (!/\bTf\b/.test(content)) continue;
    let font = new Map<string, string>();
    for (const op of content.matchAll(/\/(\w+)\s+[\d.]+\s+Tf|\[(.*?)\]\s*TJ|<([0-9A-Fa-f]*)>\s*Tj|\bT[*dD]\b|\bET\b/gs)) {
      if (op[1]) font = fontsByName.get(op[1]) ?? new Map();
      else if (op[2] !== undefined || op[3] !== undefined) {
        for (const [, h] of (op[2] ?? `<${op[3]}>`).matchAll(/<([0-9A-Fa-f]*)>/g))
          for (const g of (h ?? '').match(/.{4}/g) ?? []) out += font.get(g.toUpperCase()) ?? '';
      } else out += ' ';
    }
    out += '\n';
  }
  return out;
}
