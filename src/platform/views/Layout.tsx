import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../messages.ts';
import { otherLang } from '../i18n/i18n.ts';
import { assets } from './assets.ts';
import { usePage } from './context.ts';
import type { NavItem } from './nav.ts';
import { FragmentCache } from './render.tsx';

export interface LayoutProps {
  title: string;
  children: ComponentChildren;
  /** The header entry to mark as current (its href without the language prefix). */
  nav?: string;
  description?: string;
  /** Extra elements for <head>: JSON-LD, feeds, canonical links. */
  head?: ComponentChildren;
}

function LanguageSwitch() {
  const p = usePage();
  const other = otherLang(p.lang);
  return (
    <a href={`/${other}${p.path}`} lang={other} hrefLang={other}>
      {other === 'en' ? 'English' : 'العربية'}
    </a>
  );
}

function Account() {
  const { actor, t, href, csrf } = usePage();
  if (actor.kind !== 'user')
    return (
      <a href={href('/sign-in')} class="sign-in">
        {t('shell.sign_in')}
      </a>
    );
  return (
    <>
      <a href={href('/account')}>
        <span class="visually-hidden">{t('shell.signed_in_as')} </span>
        {actor.name}
      </a>
      <form method="post" action={href('/sign-out')}>
        <input type="hidden" name="_csrf" value={csrf} />
        <button type="submit" class="link-button">
          {t('shell.sign_out')}
        </button>
      </form>
    </>
  );
}

/**
 * The header's navigation and the footer's links depend only on the language, the entries the
 * actor may see and the current one: rendered once for each such set, not on every page.
 */
const shellParts = new FragmentCache(200);
const navKey = (items: NavItem[]) => items.map((i) => `${i.href} ${i.label}`).join('|');

function PrimaryNav({ current }: { current?: string }) {
  const page = usePage();
  const items = [...page.nav('public'), ...page.nav('console')];
  if (items.length === 0) return null;
  return shellParts.render(page, `nav:${page.lang}:${current ?? ''}:${navKey(items)}`, () => (
    <PrimaryNavList items={items} current={current} />
  ));
}

function PrimaryNavList({ items, current }: { items: NavItem[]; current?: string }) {
  const { t, href } = usePage();
  return (
    <nav class="primary-nav" aria-label={t('shell.nav_label')}>
      <ul>
        {items.map((i) => (
          <li key={i.href}>
            <a href={href(i.href)} aria-current={current === i.href ? 'page' : undefined}>
              {t(i.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Flash() {
  const { flash, t } = usePage();
  if (!flash) return null;
  return (
    <div class="notice" role="status">
      {t(flash)}
    </div>
  );
}

/** The page shell: skip link, header with language switch, navigation, main landmark, footer. */
export function Layout({ title, children, nav, description, head }: LayoutProps) {
  const p = usePage();
  const { t, lang, dir } = p;
  const other = otherLang(lang);
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} — ${t('shell.product')}`}</title>
        {description ? <meta name="description" content={description} /> : null}
        <link rel="stylesheet" href={assets.css.url} />
        <link rel="icon" href={assets.logo.url} type="image/svg+xml" />
        <link rel="alternate" hrefLang={other} href={`/${other}${p.path}`} />
        <script src={assets.js.url} defer />
        {head}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t('shell.skip_to_content')}
        </a>
        <header class="site-header">
          <div class="bar">
            <a class="brand" href={p.href('/')}>
              <img src={assets.logo.url} alt="" width={32} height={32} />
              <span>{t('shell.product')}</span>
              <small>{t('shell.tagline')}</small>
            </a>
            <div class="header-tools">
              <LanguageSwitch />
              <Account />
            </div>
          </div>
          <PrimaryNav current={nav} />
        </header>
        <main id="main" tabIndex={-1}>
          <div class="inner">
            <Flash />
            {children}
          </div>
        </main>
        <Footer />
      </body>
    </html>
  );
}

function Footer() {
  const page = usePage();
  const items = page.nav('footer');
  return shellParts.render(page, `footer:${page.lang}:${navKey(items)}`, () => <FooterLinks items={items} />);
}

function FooterLinks({ items }: { items: NavItem[] }) {
  const { t, href } = usePage();
  return (
    <footer class="site-footer">
      <div class="inner">
        <ul>
          <li>{t('shell.footer_program')}</li>
          {items.map((i) => (
            <li key={i.href}>
              <a href={href(i.href)}>{t(i.label)}</a>
            </li>
          ))}
          <li>
            <a href={href('/api-docs')}>{t('shell.footer_api')}</a>
          </li>
          <li>
            <a href="/api/openapi.json">OpenAPI</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}

/** A page's title and its optional lead paragraph. */
export function PageHeading({ title, lead, caption }: { title: string; lead?: string; caption?: string }) {
  return (
    <>
      {caption ? <p class="muted">{caption}</p> : null}
      <h1>{title}</h1>
      {lead ? <p class="lead">{lead}</p> : null}
    </>
  );
}

export type { MessageKey };
