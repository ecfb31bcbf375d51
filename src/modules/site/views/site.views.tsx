import type { VNode } from 'preact';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { parseBlocks } from '../markup.ts';
import type { SitePage } from '../site.service.ts';

type Values = Record<string, unknown>;
const text = (v: unknown) => (typeof v === 'string' ? v : '');

/** A page's text, as headings, paragraphs and lists: never HTML. */
function Body({ source }: { source: string }) {
  return (
    <>
      {parseBlocks(source).map((b, i) =>
        b.kind === 'heading' ? (
          <h2 key={i}>{b.text}</h2>
        ) : b.kind === 'list' ? (
          <ul key={i}>
            {b.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        ) : (
          <p key={i}>{b.text}</p>
        ),
      )}
    </>
  );
}

export function SitePageView({ page, extra = [] }: { page: SitePage; extra?: VNode[] }) {
  const { t, lang } = usePage();
  return (
    <Layout title={page.title[lang]} nav={`/${page.key}`}>
      <PageHeading title={page.title[lang]} />
      <div class="prose">
        <Body source={page.body[lang]} />
      </div>
      {extra}
      {page.updatedAt ? (
        <p class="muted">
          {t('site.last_updated')} <DateTime value={page.updatedAt} />
        </p>
      ) : null}
    </Layout>
  );
}

export function SitePagesList({ pages }: { pages: SitePage[] }) {
  const { t, lang, href } = usePage();
  return (
    <Layout title={t('site.console.title')} nav="/console/site">
      <PageHeading title={t('site.console.title')} lead={t('site.console.lead')} />
      <DataTable
        caption={t('site.console.title')}
        empty={pages.length === 0}
        headers={[t('site.console.page'), t('site.console.state'), { hidden: t('site.console.edit') }]}
      >
        {pages.map((p) => (
          <tr key={p.key}>
            <td>
              <a href={href(`/${p.key}`)}>{p.title[lang]}</a>
            </td>
            <td>{p.updatedAt ? <DateTime value={p.updatedAt} /> : t('site.console.shipped')}</td>
            <td>
              <a href={href(`/console/site/${p.key}`)}>
                {t('site.console.edit')}
                <span class="visually-hidden"> {p.title[lang]}</span>
              </a>
            </td>
          </tr>
        ))}
      </DataTable>
    </Layout>
  );
}

export function SitePageForm({ page, values, errors }: { page: SitePage; values: Values; errors?: Errors }) {
  const { t, lang, href } = usePage();
  const title = t('site.console.edit_title', { title: page.title[lang] });
  const hint = t('site.field.body_hint');
  return (
    <Layout title={title} nav="/console/site">
      <Breadcrumbs items={[{ href: '/console/site', label: t('site.console.title') }, { label: page.title[lang] }]} />
      <PageHeading title={title} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href(`/console/site/${page.key}`)} class="panel stack">
        <Csrf />
        <Field
          name="title_ar"
          label={t('site.field.title_ar')}
          value={text(values.title_ar)}
          errors={errors}
          required
          dir="rtl"
          lang="ar"
        />
        <TextArea
          name="body_ar"
          label={t('site.field.body_ar')}
          hint={hint}
          value={text(values.body_ar)}
          errors={errors}
          required
          rows={16}
          dir="rtl"
          lang="ar"
        />
        <Field
          name="title_en"
          label={t('site.field.title_en')}
          value={text(values.title_en)}
          errors={errors}
          required
          dir="ltr"
          lang="en"
        />
        <TextArea
          name="body_en"
          label={t('site.field.body_en')}
          hint={hint}
          value={text(values.body_en)}
          errors={errors}
          required
          rows={16}
          dir="ltr"
          lang="en"
        />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
      <p>
        <a href={href(`/${page.key}`)}>{t('site.console.view')}</a>
      </p>
      {page.updatedAt ? (
        <PostButton
          action={href(`/console/site/${page.key}/reset`)}
          label={t('site.console.reset')}
          confirm={t('site.console.reset_confirm')}
          tone="secondary"
        />
      ) : null}
    </Layout>
  );
}
