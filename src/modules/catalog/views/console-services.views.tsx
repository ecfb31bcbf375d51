import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  FilterForm,
  Pagination,
  PostButton,
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import { lifecycleLabel, maturityLabel, missingLabel, needLabel, serviceStateLabel } from '../catalog.labels.ts';
import type { ServiceRow } from '../catalog.repo.ts';
import { lifecycleStatuses, type ServiceData } from '../catalog.schema.ts';
import type { MissingPart, PublicationNeed } from '../completeness.ts';

type ListRow = Pick<
  ServiceRow,
  | 'id'
  | 'review_requested_at'
  | 'identifier'
  | 'agency_id'
  | 'name_ar'
  | 'name_en'
  | 'status'
  | 'maturity'
  | 'published_version'
  | 'published_at'
  | 'draft_updated_at'
  | 'updated_at'
  | 'complete'
> & {
  has_draft: unknown;
};

export function ServicesListPage(p: {
  items: ListRow[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  agencies: Agency[];
  canCreate: boolean;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const agencyName = new Map(p.agencies.map((a) => [a.id, pick(lang, a, 'name')]));
  return (
    <Layout title={t('cservice.list.title')} nav="/console/services">
      <PageHeading title={t('cservice.list.title')} lead={t('cservice.list.lead')} />
      {p.canCreate ? (
        <p>
          <a class="button" href={href('/console/services/new')}>
            {t('cservice.new')}
          </a>
        </p>
      ) : null}
      <FilterForm action={'/console/services'}>
        <Field name="q" type="search" label={t('filters.search')} value={p.filters.q} />
        <Select
          name="status"
          label={t('field.lifecycle')}
          value={p.filters.status}
          blank={t('filters.any')}
          options={lifecycleStatuses.map((s) => ({ value: s, label: label(lifecycleLabel, s) }))}
        />
        <Select
          name="state"
          label={t('cservice.state')}
          value={p.filters.state}
          blank={t('filters.any')}
          options={Object.entries(serviceStateLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        {p.agencies.length > 1 ? (
          <Select
            name="agency"
            label={t('field.agency')}
            value={p.filters.agency}
            blank={t('filters.any')}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
        ) : null}
      </FilterForm>
      <DataTable
        caption={t('cservice.list.title')}
        headers={[t('field.name'), t('field.agency'), t('field.lifecycle'), t('cservice.version'), t('field.updated_at')]}
        empty={p.items.length === 0}
      >
        {p.items.map((s) => (
          <tr key={s.id}>
            <td>
              <a href={href(`/console/services/${s.id}`)}>{lang === 'ar' ? s.name_ar : s.name_en}</a>
              <div class="muted ltr">{s.identifier}</div>
            </td>
            <td>{agencyName.get(s.agency_id) ?? s.agency_id}</td>
            <td>{label(lifecycleLabel, s.status)}</td>
            <td>
              {s.published_version ? (
                t('cservice.version_n', { version: s.published_version })
              ) : (
                <Tag tone="amber">{t('cservice.never_published')}</Tag>
              )}
              {s.has_draft && s.published_version ? (
                <div>
                  <Tag tone="amber">{t('cservice.has_draft')}</Tag>
                </div>
              ) : null}
              {s.has_draft && s.review_requested_at ? (
                <div>
                  <Tag>{t('cservice.state.review')}</Tag>
                </div>
              ) : null}
            </td>
            <td>
              <DateTime value={s.updated_at} withTime />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}

export function ServiceOverviewPage(p: {
  row: ServiceRow;
  agency: Agency;
  working: ServiceData;
  hasDraft: boolean;
  missing: MissingPart[];
  /** An imported draft's checklist: Yusr's own fields publication still needs. */
  needs?: PublicationNeed[];
  versions: { version: number; published_at: string; published_by: string | null; note: string | null }[];
  history: { from_status: string | null; to_status: string; changed_at: string; version: number }[];
  can: { edit: boolean; publish: boolean };
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const r = p.row;
  const name = p.working.name[lang];
  const base = `/console/services/${r.id}`;
  return (
    <Layout title={name} nav="/console/services">
      <Breadcrumbs items={[{ href: '/console/services', label: t('cservice.list.title') }, { label: name }]} />
      <PageHeading title={name} caption={pick(lang, p.agency, 'name')} />
      <ErrorSummary errors={p.errors} />
      <dl class="summary panel">
        <dt>{t('field.identifier')}</dt>
        <dd class="ltr">{r.identifier}</dd>
        <dt>{t('field.lifecycle')}</dt>
        <dd>{label(lifecycleLabel, r.status)}</dd>
        <dt>{t('field.maturity')}</dt>
        <dd>{label(maturityLabel, r.maturity)}</dd>
        <dt>{t('cservice.version')}</dt>
        <dd>
          {r.published_version ? (
            <>
              {t('cservice.version_n', { version: r.published_version })} — <DateTime value={r.published_at} withTime />
            </>
          ) : (
            t('cservice.never_published')
          )}
        </dd>
        <dt>{t('cservice.draft')}</dt>
        <dd>
          {p.hasDraft ? (
            <>
              {t('cservice.has_draft')} — <DateTime value={r.draft_updated_at} withTime /> <span class="muted">({r.draft_updated_by})</span>
            </>
          ) : (
            '—'
          )}
        </dd>
      </dl>
      <div class="actions">
        {p.can.edit ? (
          <a class="button" href={href(`${base}/edit`)}>
            {t('cservice.edit_draft')}
          </a>
        ) : null}
        {r.published_version ? (
          <a class="button secondary" href={href(`/services/${r.identifier}`)}>
            {t('cservice.view_public')}
          </a>
        ) : null}
        {p.hasDraft && p.can.edit && r.published_version ? (
          <PostButton
            action={href(`${base}/discard`)}
            label={t('cservice.discard')}
            tone="secondary"
            confirm={t('cservice.discard_confirm')}
          />
        ) : null}
        {p.hasDraft && r.published_version ? (
          <a class="button secondary" href={href(`${base}/compare?a=${r.published_version}&b=draft`)}>
            {t('cservice.compare')}
          </a>
        ) : null}
        {p.hasDraft ? (
          <a class="button secondary" href={href(`${base}/preview`)}>
            {t('cservice.preview')}
          </a>
        ) : null}
      </div>
      {p.hasDraft && r.review_requested_at ? (
        <div class="notice" role="note">
          <p>
            {t('cservice.review.waiting', { person: r.review_requested_by ?? '' })} <DateTime value={r.review_requested_at} withTime />
          </p>
          {r.review_note ? <p dir="auto">{r.review_note}</p> : null}
        </div>
      ) : null}
      {p.hasDraft && p.can.edit && !p.can.publish && !r.review_requested_at ? (
        <form method="post" action={href(`${base}/review`)} class="panel" noValidate>
          <Csrf />
          <h2>{t('cservice.review.title')}</h2>
          <p class="hint">{t('cservice.review.hint')}</p>
          <TextArea name="note" label={t('cservice.review.note')} errors={p.errors} rows={3} />
          <button type="submit" class="button">
            {t('cservice.review.submit')}
          </button>
        </form>
      ) : null}
      {p.needs?.length ? (
        <section class="notice warn" aria-labelledby="needs-h">
          <h2 id="needs-h">{t('cservice.needs')}</h2>
          <ul>
            {p.needs.map((n) => (
              <li key={n}>{t(needLabel[n])}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.hasDraft && p.can.publish ? (
        <form method="post" action={href(`${base}/publish`)} class="panel">
          <Csrf />
          <Field name="note" label={t('cservice.publish_note')} errors={p.errors} />
          <button type="submit" class="button">
            {t('cservice.publish')}
          </button>
        </form>
      ) : null}
      <section class="panel" aria-labelledby="missing-h">
        <h2 id="missing-h">{p.missing.length ? t('cservice.missing') : t('cservice.complete')}</h2>
        {p.missing.length ? (
          <ul>
            {p.missing.map((m) => (
              <li key={m}>{t(missingLabel[m])}</li>
            ))}
          </ul>
        ) : null}
      </section>
      <section aria-labelledby="versions-h">
        <h2 id="versions-h">{t('cservice.versions')}</h2>
        {p.versions.length === 0 ? (
          <p>{t('cservice.never_published')}</p>
        ) : (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('cservice.version')}</th>
                  <th scope="col">{t('field.updated_at')}</th>
                  <th scope="col">{t('cservice.published_by')}</th>
                  <th scope="col">{t('cservice.note')}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t('list.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {p.versions.map((v) => (
                  <tr key={v.version}>
                    <td class="num">{v.version}</td>
                    <td>
                      <DateTime value={v.published_at} withTime />
                    </td>
                    <td>{v.published_by}</td>
                    <td>{v.note}</td>
                    <td>
                      <div class="actions">
                        {v.version > 1 ? (
                          <a href={href(`${base}/compare?a=${v.version - 1}&b=${v.version}`)}>
                            {t('cservice.compare')} <span class="visually-hidden">{t('cservice.version_n', { version: v.version })}</span>
                          </a>
                        ) : null}
                        {p.can.edit && v.version !== r.published_version ? (
                          <PostButton
                            action={href(`${base}/restore`)}
                            label={t('cservice.restore')}
                            tone="secondary"
                            fields={{ version: String(v.version) }}
                          />
                        ) : null}
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {p.history.length ? (
        <section aria-labelledby="history-h">
          <h2 id="history-h">{t('cservice.history')}</h2>
          <ul>
            {p.history.map((h, i) => (
              <li key={i}>
                <DateTime value={h.changed_at} withTime />:{' '}
                {t('cservice.history_entry', {
                  from: h.from_status ? label(lifecycleLabel, h.from_status) : '—',
                  to: label(lifecycleLabel, h.to_status),
                })}{' '}
                ({t('cservice.version_n', { version: h.version })})
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </Layout>
  );
}

/** Above a draft shown as beneficiaries will see it: what this is, and the way back. */
export function PreviewBanner({ id, hasDraft }: { id: number; hasDraft: boolean }) {
  const { t, href } = usePage();
  return (
    <div class="notice warn" role="note">
      <p>{hasDraft ? t('cservice.preview_banner') : t('cservice.preview_banner_published')}</p>
      <p>
        <a href={href(`/console/services/${id}`)}>{t('cservice.preview_back')}</a>
      </p>
    </div>
  );
}
