import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { slot } from '../app-state.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';

/**
 * PDFs (certificates, advisory reports) printed by headless Chromium from our own HTML, so Arabic
 * shaping, bidi and fonts are a browser's, not a PDF library's approximation. One browser per app,
 * started on first use and closed with the app; at most two pages print at a time (the rest wait),
 * and Chromium is a process of its own, so the web server stays responsive while it works. The
 * page gets our HTML only: JavaScript is off and every network request is refused.
 */
export class PdfRenderer {
  #browser: Promise<Browser> | undefined;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(
    readonly executablePath: string,
    readonly maxConcurrent = 2,
  ) {}

  async render(
    html: string,
    opts: { landscape?: boolean; margin?: { top: string; bottom: string; left: string; right: string } } = {},
  ): Promise<Buffer> {
    if (!existsSync(this.executablePath)) throw new AppError(503, 'error.pdf_unavailable');
    await this.#slot();
    try {
      const browser = await this.#launch();
      const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
      try {
        const page = await context.newPage();
        await page.route('**/*', (route) => route.abort());
        await page.setContent(html, { waitUntil: 'load', timeout: 20_000 });
        return await page.pdf({
          format: 'A4',
          landscape: opts.landscape ?? false,
          printBackground: true,
          preferCSSPageSize: true,
          margin: opts.margin,
        });
      } finally {
        await context.close();
      }
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }

  async close(): Promise<void> {
    const b = this.#browser;
    this.#browser = undefined;
    if (b) await (await b.catch(() => undefined))?.close();
  }

  async #slot(): Promise<void> {
    if (this.#running >= this.maxConcurrent) await new Promise<void>((r) => this.#waiting.push(r));
    this.#running++;
  }

  #launch(): Promise<Browser> {
    // playwright-core is loaded here, on the first print, not when the app is imported (about 1.7 s).
    this.#browser ??= import('playwright-core')
      .then(({ chromium }) =>
        chromium.launch({
          executablePath: this.executablePath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--disable-dev-shm-usage',
          ],
        }),
      )
      .catch((err) => {
        this.#browser = undefined;
        throw err;
      });
    return this.#browser;
  }
}

const pdfSlot = slot<PdfRenderer>('platform.pdf');

/** Whether this server can print PDFs (Chromium is where CHROMIUM_PATH says). */
export const pdfAvailable = (chromiumPath: string) => existsSync(chromiumPath);

/** This app's renderer (CHROMIUM_PATH). */
export const pdfRenderer = (deps: Deps) => deps.state.get(pdfSlot, () => new PdfRenderer(deps.config.chromiumPath));

/** Closes the app's browser, if one was started. */
export const closePdfRenderer = (deps: Deps) => deps.state.peek(pdfSlot)?.close();
