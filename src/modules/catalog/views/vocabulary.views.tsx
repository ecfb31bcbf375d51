import { Csrf, ErrorSummary, type Errors, Field, PostButton, Select, TextArea, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { taxonomyLabel } from '../catalog.labels.ts';
import type { TermRow } from '../catalog.repo.ts';
import { taxonomyKinds } from '../catalog.schema.ts';

export function TaxonomiesPage({
  terms,
  values = {},
  errors,
}: {
  terms: (TermRow & { uses: number })[];
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('taxonomy.title')} nav="/console/taxonomies">
      <PageHeading title={t('taxonomy.title')} lead={t('taxonomy.lead')} />
      {taxonomyKinds.map((kind) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h2 id={`kind-${kind}`}>{label(taxonomyLabel, kind)}</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('field.code')}</th>
                  <th scope="col">{t('field.name_ar')}</th>
                  <th scope="col">{t('field.name_en')}</th>
                  <th scope="col">{t('taxonomy.sort')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('list.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {terms
                  .filter((x) => x.kind === kind)
                  .map((x) => (
                    <tr key={x.id}>
                      <td class="ltr">{x.code}</td>
                      <td lang="ar">{x.name_ar}</td>
                      <td lang="en">{x.name_en}</td>
                      <td class="num">{x.sort}</td>
                      <td>
                        <span class="muted">{t('taxonomy.in_use', { count: x.uses })}</span>
                        <PostButton
                          action={href(`/console/taxonomies/${x.id}/delete`)}
                          label={t('taxonomy.delete')}
                          tone="secondary"
                          confirm={t('taxonomy.delete_confirm')}
                        />
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <form method="post" action={href('/console/taxonomies')} class="panel" noValidate>
        <h2>{t('taxonomy.add')}</h2>
        <ErrorSummary errors={errors} />
        <Csrf />
        <Select
          name="kind"
          label={t('taxonomy.kind')}
          value={String(values.kind ?? 'category')}
          options={taxonomyKinds.map((k) => ({ value: k, label: label(taxonomyLabel, k) }))}
          errors={errors}
        />
        <Field name="code" label={t('field.code')} value={String(values.code ?? '')} errors={errors} dir="ltr" />
        <Field name="name_ar" label={t('field.name_ar')} value={String(values.name_ar ?? '')} errors={errors} lang="ar" dir="rtl" />
        <Field name="name_en" label={t('field.name_en')} value={String(values.name_en ?? '')} errors={errors} lang="en" dir="ltr" />
        <Field
          name="sort"
          type="number"
          label={t('taxonomy.sort')}
          value={String(values.sort ?? '100')}
          errors={errors}
          inputMode="numeric"
        />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </Layout>
  );
}

export function SynonymsPage({
  groups,
  values = {},
  errors,
}: {
  groups: { id: number; terms: string[] }[];
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href } = usePage();
  return (
    <Layout title={t('synonyms.title')} nav="/console/synonyms">
      <PageHeading title={t('synonyms.title')} lead={t('synonyms.lead')} />
      <ul class="cards grid">
        {groups.map((g) => (
          <li class="card" key={g.id}>
            <ul>
              {g.terms.map((x) => (
                <li key={x} dir="auto">
                  {x}
                </li>
              ))}
            </ul>
            <PostButton action={href(`/console/synonyms/${g.id}/delete`)} label={t('synonyms.delete')} tone="secondary" />
          </li>
        ))}
      </ul>
      {groups.length === 0 ? <p>{t('list.empty')}</p> : null}
      <form method="post" action={href('/console/synonyms')} class="panel" noValidate>
        <h2>{t('synonyms.add')}</h2>
        <ErrorSummary errors={errors} />
        <Csrf />
        <TextArea
          name="terms"
          label={t('synonyms.terms')}
          hint={t('synonyms.terms_hint')}
          value={String(values.terms ?? '')}
          errors={errors}
          dir="auto"
          rows={4}
        />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </Layout>
  );
}
