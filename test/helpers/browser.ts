import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type TestApp, testApp } from './app.ts';
import { TEST_PASSWORD } from './factories.ts';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * The app listening on a loopback port, and headless Chromium (Debian's) to drive it. `port` fixes
 * the port, for an app whose BASE_URL another server (an identity provider) must know first.
 */
export async function startBrowser(env: Record<string, string> = {}, opts: { port?: number } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium`);
  const t: TestApp = await testApp(env);
  await t.app.listen({ port: opts.port ?? 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  return {
    t,
    base,
    browser,
    /** A browser context; CSP is bypassed (so axe can be injected) unless `csp: true`. */
    async context(opts: { width?: number; javaScript?: boolean; csp?: boolean } = {}): Promise<BrowserContext> {
      return browser.newContext({
        viewport: { width: opts.width ?? 1280, height: 900 },
        javaScriptEnabled: opts.javaScript ?? true,
        baseURL: base,
        bypassCSP: !opts.csp,
      });
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Signs in through the real form. */
export async function signInAs(page: Page, email: string, lang: 'ar' | 'en' = 'en') {
  await page.goto(`/${lang}/sign-in`);
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', TEST_PASSWORD);
  await Promise.all([page.waitForURL(/\/console/), page.click('form.panel button[type=submit]')]);
}

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[]; html: string }[];
}

/** Runs axe-core (WCAG 2.1 A/AA and best practices) on the page; returns the violations. */
export async function axe(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    // @ts-expect-error axe is injected above
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      // Details of passing and inapplicable checks are not read: axe skips building their selectors, most of its time on a big page.
      resultTypes: ['violations'],
    });
    return r.violations.map((v: AxeViolation) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 3).map((n) => ({ target: n.target, html: n.html.slice(0, 200) })),
    }));
  });
}

/** Saves a screenshot under test/artifacts when SCREENSHOTS=1 (for people reviewing pages). */
export async function shot(page: Page, name: string) {
  if (process.env.SCREENSHOTS !== '1') return;
  mkdirSync('test/artifacts', { recursive: true });
  await page.screenshot({ path: `test/artifacts/${name}.png`, fullPage: true });
}
