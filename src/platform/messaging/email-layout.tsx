import { renderToStaticMarkup } from 'preact-render-to-string';
import { dir, type Lang } from '../i18n/i18n.ts';

export interface EmailContent {
  lang: Lang;
  /** Shown in the inbox preview line. */
  preheader?: string;
  heading: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  /** Small print: why you got this, how to stop it. */
  footer: string[];
  /** Sender shown in the header (agency name), defaults to the program. */
  sender: string;
  logoUrl?: string;
  /** Extra blocks rendered between paragraphs and footer (e.g. a digest's list). */
  items?: { title: string; url?: string; body?: string; meta?: string }[];
}

const URL_PATTERN = /https?:\/\/[^\s<>"'()]+/g;

/**
 * A line of text with its web addresses made links: each address is isolated left-to-right (so an
 * Arabic sentence does not scramble it) and may break anywhere (so it never widens a phone screen).
 * Punctuation that ends a sentence is left outside the link.
 */
export function linkify(text: string) {
  const out: (string | ReturnType<typeof UrlLink>)[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_PATTERN)) {
    let url = m[0];
    const trail = /[.,;:!?،؛…]+$/.exec(url)?.[0] ?? '';
    url = url.slice(0, url.length - trail.length);
    const start = m.index ?? 0;
    if (start > last) out.push(text.slice(last, start));
    out.push(UrlLink({ url }));
    last = start + url.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function UrlLink({ url }: { url: string }) {
  return (
    <a href={url} dir="ltr" style={{ color: '#1d4f91', unicodeBidi: 'isolate', wordBreak: 'break-all' }}>
      {url}
    </a>
  );
}

const font = (lang: Lang) =>
  lang === 'ar' ? "Tahoma, 'Segoe UI', 'Noto Naskh Arabic', Arial, sans-serif" : "'Segoe UI', Roboto, Arial, sans-serif";

/**
 * One bilingual email layout for every module: table-based, inline styles, dir and align set
 * on every block so Arabic stays right-to-left in clients that drop <html dir>. No images
 * from elsewhere and no tracking pixels.
 */
export function renderEmail(c: EmailContent): { html: string; text: string } {
  const d = dir(c.lang);
  const align = d === 'rtl' ? 'right' : 'left';
  const base = {
    fontFamily: font(c.lang),
    direction: d,
    textAlign: align,
    color: '#1b1f23',
  } as const;
  const body = (
    <html lang={c.lang} dir={d}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{c.heading}</title>
      </head>
      <body dir={d} style={{ margin: 0, padding: 0, background: '#f4f6f7' }}>
        <div role="main" dir={d}>
          {c.preheader ? <div style={{ display: 'none', maxHeight: 0, overflow: 'hidden' }}>{c.preheader}</div> : null}
          <table role="presentation" width="100%" cellPadding="0" cellSpacing="0" dir={d} style={{ background: '#f4f6f7' }}>
            <tr>
              <td align="center" style={{ padding: '16px 8px' }}>
                <table
                  role="presentation"
                  width="100%"
                  cellPadding="0"
                  cellSpacing="0"
                  dir={d}
                  style={{
                    maxWidth: '600px',
                    background: '#ffffff',
                    border: '1px solid #c9ced3',
                  }}
                >
                  <tr>
                    <td
                      dir={d}
                      style={{
                        ...base,
                        background: '#0a3d2e',
                        color: '#ffffff',
                        padding: '14px 20px',
                        fontSize: '18px',
                        fontWeight: 'bold',
                      }}
                    >
                      {c.logoUrl ? (
                        <img
                          src={c.logoUrl}
                          alt=""
                          width={28}
                          height={28}
                          style={{
                            verticalAlign: 'middle',
                            marginInlineEnd: '8px',
                          }}
                        />
                      ) : null}
                      {c.sender}
                    </td>
                  </tr>
                  <tr>
                    <td
                      dir={d}
                      style={{
                        ...base,
                        padding: '20px',
                        fontSize: '16px',
                        lineHeight: '1.7',
                      }}
                    >
                      <h1
                        dir={d}
                        style={{
                          ...base,
                          fontSize: '22px',
                          margin: '0 0 12px',
                        }}
                      >
                        {c.heading}
                      </h1>
                      {c.paragraphs.map((p) => (
                        <p dir={d} style={{ ...base, margin: '0 0 12px' }}>
                          {linkify(p)}
                        </p>
                      ))}
                      {c.items?.map((i) => (
                        <div
                          dir={d}
                          style={{
                            ...base,
                            borderTop: '1px solid #c9ced3',
                            padding: '10px 0',
                          }}
                        >
                          <p dir={d} style={{ ...base, margin: 0, fontWeight: 'bold' }}>
                            {i.url ? (
                              <a href={i.url} style={{ color: '#1d4f91' }}>
                                {i.title}
                              </a>
                            ) : (
                              i.title
                            )}
                          </p>
                          {i.meta ? (
                            <p
                              dir={d}
                              style={{
                                ...base,
                                margin: 0,
                                color: '#454c53',
                                fontSize: '14px',
                              }}
                            >
                              {i.meta}
                            </p>
                          ) : null}
                          {i.body ? (
                            <p dir={d} style={{ ...base, margin: '4px 0 0' }}>
                              {i.body}
                            </p>
                          ) : null}
                        </div>
                      ))}
                      {c.action ? (
                        <p dir={d} style={{ ...base, margin: '20px 0' }}>
                          <a
                            href={c.action.url}
                            style={{
                              background: '#13694e',
                              color: '#ffffff',
                              padding: '10px 18px',
                              textDecoration: 'none',
                              fontWeight: 'bold',
                              display: 'inline-block',
                            }}
                          >
                            {c.action.label}
                          </a>
                        </p>
                      ) : null}
                    </td>
                  </tr>
                  <tr>
                    <td
                      dir={d}
                      style={{
                        ...base,
                        padding: '12px 20px',
                        fontSize: '13px',
                        color: '#454c53',
                        borderTop: '1px solid #c9ced3',
                      }}
                    >
                      {c.footer.map((f) => (
                        <p
                          dir={d}
                          style={{
                            ...base,
                            color: '#454c53',
                            margin: '0 0 6px',
                          }}
                        >
                          {linkify(f)}
                        </p>
                      ))}
                    </td>
                  </tr>
                </table>
              </td>
            </tr>
          </table>
        </div>
      </body>
    </html>
  );
  const html = `<!doctype html>${renderToStaticMarkup(body)}`;
  const text = [
    c.heading,
    '',
    ...c.paragraphs.flatMap((p) => [p, '']),
    ...(c.items ?? []).flatMap((i) => [
      `* ${i.title}`,
      ...(i.meta ? [`  ${i.meta}`] : []),
      ...(i.body ? [`  ${i.body}`] : []),
      ...(i.url ? [`  ${i.url}`] : []),
      '',
    ]),
    ...(c.action ? [`${c.action.label}: ${c.action.url}`, ''] : []),
    '--',
    ...c.footer,
  ].join('\n');
  return { html, text };
}
