import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderToString } from 'preact-render-to-string';
import type { CredentialRow } from '../../platform/credentials/index.ts';
import { dualDateText } from '../../platform/i18n/dates.ts';
import { dir, type Lang, translator } from '../../platform/i18n/i18n.ts';

// The printable certificate: one A4 landscape page, in the reader's language, with the recipient,
// the achievement, the date in Hijri and Gregorian, the serial and a QR code of the verification
// address. Noto Naskh Arabic (SIL Open Font License, from @fontsource/noto-naskh-arabic) is embedded,
// so the Arabic is shaped the same on every server whatever fonts it has.

const require = createRequire(import.meta.url);
const fontFile = (subset: string, weight: number) =>
  readFileSync(require.resolve(`@fontsource/noto-naskh-arabic/files/noto-naskh-arabic-${subset}-${weight}-normal.woff2`)).toString(
    'base64',
  );
let fontCss: string | undefined;
function fonts(): string {
  fontCss ??= [400, 700]
    .flatMap((w) =>
      ['arabic', 'latin'].map(
        (subset) =>
          `@font-face{font-family:'Naskh';font-weight:${w};src:url(data:font/woff2;base64,${fontFile(subset, w)}) format('woff2');}`,
      ),
    )
    .join('\n');
  return fontCss;
}

const style = `
@page { size: A4 landscape; margin: 0; }
html, body { margin: 0; }
body { font-family: 'Naskh', 'DejaVu Sans', sans-serif; color: #1b2a2f; }
.sheet { box-sizing: border-box; width: 297mm; height: 210mm; padding: 18mm 22mm; border: 6mm solid #0b6e4f; display: flex; flex-direction: column; }
.issuer { font-size: 15pt; color: #0b6e4f; font-weight: 700; }
h1 { font-size: 30pt; margin: 10mm 0 4mm; }
.lead { font-size: 14pt; margin: 0; }
.name { font-size: 28pt; font-weight: 700; margin: 6mm 0; }
.achievement { font-size: 20pt; font-weight: 700; margin: 2mm 0; }
.criteria { font-size: 12pt; margin: 2mm 0; }
.foot { margin-top: auto; display: flex; justify-content: space-between; align-items: flex-end; font-size: 11pt; }
.foot svg { width: 32mm; height: 32mm; }
.serial { font-family: 'DejaVu Sans Mono', monospace; direction: ltr; unicode-bidi: isolate; }
.revoked { color: #a4262c; font-weight: 700; font-size: 16pt; }
`;

type Achievement = { name: Record<Lang, string>; description: Record<Lang, string>; criteria: Record<Lang, string> };

/** The certificate's HTML, ready for Chromium to print. */
export async function certificateHtml(row: CredentialRow, lang: Lang, verifyUrl: string, timeZone: string): Promise<string> {
  const t = translator(lang);
  const a = JSON.parse(row.achievement_json) as Achievement;
  const { default: QRCode } = await import('qrcode'); // on the first certificate, not at app import
  const qr = await QRCode.toString(verifyUrl, { type: 'svg', margin: 0, errorCorrectionLevel: 'M' });
  const body = renderToString(
    <div class="sheet">
      <div class="issuer">{t('credentials.issuer_name')}</div>
      <h1>{t('credentials.certificate.title')}</h1>
      <p class="lead">{t('credentials.certificate.awarded_to')}</p>
      <p class="name">
        <bdi>{row.recipient_name}</bdi>
      </p>
      <p class="achievement">{a.name[lang]}</p>
      <p class="criteria">{a.description[lang]}</p>
      <p class="criteria">{a.criteria[lang]}</p>
      {row.revoked_at ? <p class="revoked">{t('credentials.outcome.revoked')}</p> : null}
      <div class="foot">
        <div>
          <p>
            {t('credentials.field.issued')}: {dualDateText(lang, row.issued_at, timeZone)}
          </p>
          <p>
            {t('credentials.field.serial')}: <span class="serial">{row.serial}</span>
          </p>
          <p>
            {t('credentials.certificate.verify_at')} <span class="serial">{verifyUrl}</span>
          </p>
        </div>
        {/* The QR library's own SVG of our URL, never user text. */}
        <div dangerouslySetInnerHTML={{ __html: qr }} />
      </div>
    </div>,
  );
  return `<!doctype html><html lang="${lang}" dir="${dir(lang)}"><head><meta charset="utf-8"><title>${t('credentials.certificate.title')} ${row.serial}</title><style>${fonts()}${style}</style></head><body>${body}</body></html>`;
}
