import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  acceptPending,
  answersForm,
  closeNow,
  finaliseRound,
  loadFramework,
  openedRound,
  publishedFramework,
  publishRound,
  saveAnswers,
  submitAnswers,
} from '../../src/modules/measure/testing.ts';
import { type Ctx, systemCtx } from '../../src/platform/auth/actor.ts';
import { signInAs, startBrowser } from '../helpers/browser.ts';
import { buildAgency, buildUser } from '../helpers/factories.ts';

/**
 * Printed reports never cut a column off. The leadership report is printed by Chromium (as its PDF
 * is); on A4 portrait, less the margins, a page is about 718 CSS px wide. A framework with seven
 * perspectives under long names makes the ranking by perspective wider than that on screen.
 */
const PERSPECTIVES = 7;

function wideFramework() {
  const stages = [
    { key: 'building', name_ar: 'البناء', name_en: 'Building', min: 0 },
    { key: 'excellence', name_ar: 'التميز', name_en: 'Excellence', min: 50 },
  ];
  return {
    id: 'wide',
    version: '1',
    name_ar: 'إطار عريض',
    name_en: 'Wide framework',
    settings: { scale_max: 100, decimals: 2, stages },
    nodes: Array.from({ length: PERSPECTIVES }, (_, i) => ({
      key: `p${i}`,
      type: 'perspective',
      name_ar: `المنظور ${i + 1}: البيئة المعلوماتية والتقنية والجاهزية المؤسسية`,
      name_en: `Perspective ${i + 1}: information, technical environment and institutional readiness`,
      weight: 1,
      children: [{ key: `p${i}.q`, type: 'question', name_ar: `سؤال ${i}`, name_en: `Question ${i}`, weight: 1, answer_type: 'yes_no' }],
    })),
  };
}

describe('printed reports keep every column', () => {
  let env: Awaited<ReturnType<typeof startBrowser>>;
  let roundId = 0;

  before(async () => {
    env = await startBrowser();
    const deps = env.t.deps;
    const published = await publishedFramework(deps, wideFramework());
    const f = (await loadFramework(deps, published.id)).framework;
    const agencies = [
      await buildAgency(deps, {
        code: 'wide-a',
        name_ar: 'الهيئة السعودية للمواصفات والمقاييس والجودة',
        name_en: 'Saudi Standards, Metrology and Quality Organization',
      }),
      await buildAgency(deps, {
        code: 'wide-b',
        name_ar: 'المؤسسة العامة للتدريب التقني والمهني',
        name_en: 'Technical and Vocational Training Corporation',
      }),
    ];
    const round = await openedRound(
      deps,
      published.id,
      agencies.map((a) => a.id),
      { code: 'wide-round' },
    );
    roundId = round.id;
    for (const [n, agency] of agencies.entries()) {
      const user = await buildUser(deps, { email: `wide-${n}@example.gov.sa`, role: 'agency_admin', agencyId: agency.id });
      const ctx: Ctx = {
        actor: {
          kind: 'user',
          id: user.id,
          name: user.name,
          email: user.email,
          locale: 'en',
          memberships: [{ role: 'agency_admin', agencyId: agency.id }],
        },
        lang: 'en',
        requestId: null,
        ip: null,
      };
      const values = Object.fromEntries(Array.from({ length: PERSPECTIVES }, (_, i) => [`p${i}.q`, (i + n) % 2 ? 'yes' : 'no']));
      await saveAnswers(deps, ctx, round.id, agency.id, Object.keys(values), answersForm(f, values) as Record<string, unknown>);
      await submitAnswers(deps, ctx, round.id, agency.id, { attest: 'on' });
    }
    await closeNow(deps, systemCtx('test'), round.id);
    for (const agency of agencies) await acceptPending(deps, systemCtx('test'), round.id, agency.id);
    await finaliseRound(deps, systemCtx('test'), round.id);
    await publishRound(deps, systemCtx('test'), round.id);
    await buildUser(deps, { email: 'leader@program.sa', role: 'leadership_viewer' });
  });
  after(() => env.close());

  for (const lang of ['ar', 'en'] as const) {
    it(`the leadership report's tables fit the printed page in ${lang === 'ar' ? 'Arabic' : 'English'}`, async () => {
      const page = await (await env.context({ width: 718 })).newPage();
      await signInAs(page, 'leader@program.sa', lang);
      await page.goto(`/${lang}/console/measure/rounds/${roundId}/report`);
      const wideOnScreen = await page.evaluate(() =>
        Array.from(document.querySelectorAll('table')).some((t) => t.getBoundingClientRect().width > document.documentElement.clientWidth),
      );
      assert.ok(wideOnScreen, 'the fixture makes a table wider than the page on screen (else this test proves nothing)');
      await page.emulateMedia({ media: 'print' });
      const outside = await page.evaluate(() => {
        const width = document.documentElement.clientWidth;
        return Array.from(document.querySelectorAll('th'))
          .map((th) => ({ text: th.textContent?.trim(), box: th.getBoundingClientRect() }))
          .filter(({ box }) => box.width > 0 && (box.left < -1 || box.right > width + 1))
          .map(({ text, box }) => `${text} [${Math.round(box.left)}, ${Math.round(box.right)}]`);
      });
      assert.deepEqual(outside, [], 'column headers outside the printed page');
      const headers = await page.locator('th').allTextContents();
      for (let i = 1; i <= PERSPECTIVES; i++)
        assert.ok(
          headers.some((h) => h.includes(lang === 'ar' ? `المنظور ${i}` : `Perspective ${i}`) || h.includes(`${i}`)),
          `perspective ${i} has a column`,
        );
    });
  }
});
