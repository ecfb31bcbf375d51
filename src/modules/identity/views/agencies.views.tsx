import { pick } from '../../../platform/i18n/i18n.ts';
import { telHref } from '../../../platform/phone/phone.ts';
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
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { agencyKindLabel, agencyStatusLabel } from '../identity.labels.ts';
import type { Agency } from '../identity.repo.ts';
import { agencyKinds } from '../identity.tables.ts';

export function AgencyName({ agency }: { agency: Pick<Agency, 'name_ar' | 'name_en'> }) {
  const { lang } = usePage();
  return <>{pick(lang, agency, 'name')}</>;
}

export function AgenciesPage(p: {
  items: Agency[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  parents: Map<number, Agency>;
  canCreate: boolean;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('agency.list.title')} nav="/console/agencies">
      <PageHeading title={t('agency.list.title')} lead={t('agency.list.lead')} />
      {p.canCreate ? (
        <p>
          <a class="button" href={href('/console/agencies/new')}>
            {t('agency.new')}
          </a>{' '}
          <a href={href('/console/tokens')}>{t('token.office_title')}</a>
        </p>
      ) : null}
      <FilterForm action={'/console/agencies'}>
        <Field name="q" type="search" label={t('filters.search')} value={p.filters.q} />
        <Select
          name="kind"
          label={t('field.agency_kind')}
          value={p.filters.kind}
          blank={t('filters.any')}
          options={agencyKinds.map((k) => ({ value: k, label: label(agencyKindLabel, k) }))}
        />
        <Select
          name="status"
          label={t('field.status')}
          value={p.filters.status}
          blank={t('filters.any')}
          options={Object.entries(agencyStatusLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
      </FilterForm>
      <DataTable
        caption={t('agency.list.title')}
        headers={[t('field.name'), t('field.agency_kind'), t('field.parent_agency'), t('field.status')]}
        empty={p.items.length === 0}
      >
        {p.items.map((a) => {
          const parent = a.parent_id ? p.parents.get(a.parent_id) : undefined;
          return (
            <tr key={a.id}>
              <td>
                <a href={href(`/console/agencies/${a.id}`)}>{pick(lang, a, 'name')}</a>
              </td>
              <td>{label(agencyKindLabel, a.kind)}</td>
              <td>{parent ? pick(lang, parent, 'name') : '—'}</td>
              <td>
                {a.status === 'active' ? (
                  <Tag>{label(agencyStatusLabel, a.status)}</Tag>
                ) : (
                  <Tag tone="grey">{label(agencyStatusLabel, a.status)}</Tag>
                )}
              </td>
            </tr>
          );
        })}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}

export function AgencyPage(p: {
  agency: Agency;
  parent?: Agency;
  children: Agency[];
  canEdit: boolean;
  canTokens: boolean;
  canStaff: boolean;
  /** How its staff sign in, when sign-in providers are configured. */
  signIn?: AgencySignIn;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const a = p.agency;
  const name = pick(lang, a, 'name');
  return (
    <Layout title={name} nav="/console/agencies">
      <Breadcrumbs items={[{ href: '/console/agencies', label: t('agency.list.title') }, { label: name }]} />
      <PageHeading title={name} caption={label(agencyKindLabel, a.kind)} />
      <div class="actions">
        {p.canEdit ? (
          <a class="button" href={href(`/console/agencies/${a.id}/edit`)}>
            {t('action.edit')}
          </a>
        ) : null}
        {p.canStaff ? (
          <a class="button secondary" href={href(`/console/users?agency=${a.id}`)}>
            {t('agency.staff')}
          </a>
        ) : null}
        {p.canTokens ? (
          <a class="button secondary" href={href(`/console/agencies/${a.id}/tokens`)}>
            {t('token.title')}
          </a>
        ) : null}
      </div>
      <dl class="summary panel">
        <dt>{t('field.name_ar')}</dt>
        <dd lang="ar" dir="rtl">
          {a.name_ar}
        </dd>
        <dt>{t('field.name_en')}</dt>
        <dd lang="en" dir="ltr">
          {a.name_en}
        </dd>
        <dt>{t('field.code')}</dt>
        <dd class="ltr">{a.code}</dd>
        <dt>{t('field.parent_agency')}</dt>
        <dd>{p.parent ? <a href={href(`/console/agencies/${p.parent.id}`)}>{pick(lang, p.parent, 'name')}</a> : '—'}</dd>
        <dt>{t('field.website')}</dt>
        <dd>
          {a.website ? (
            <a href={a.website} class="ltr">
              {a.website}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('field.email')}</dt>
        <dd>
          {a.email ? (
            <a href={`mailto:${a.email}`} class="ltr">
              {a.email}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('field.phone')}</dt>
        <dd>
          {a.phone ? (
            <a href={telHref(a.phone)} class="ltr">
              {a.phone}
            </a>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t('field.address')}</dt>
        <dd>{pick(lang, a, 'address') || '—'}</dd>
        <dt>{t('field.status')}</dt>
        <dd>{label(agencyStatusLabel, a.status)}</dd>
        <dt>{t('field.updated_at')}</dt>
        <dd>
          <DateTime value={a.updated_at} withTime />
        </dd>
      </dl>
      {p.children.length ? (
        <section aria-labelledby="children-h">
          <h2 id="children-h">{t('agency.children')}</h2>
          <ul>
            {p.children.map((c) => (
              <li key={c.id}>
                <a href={href(`/console/agencies/${c.id}`)}>{pick(lang, c, 'name')}</a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {p.signIn ? <AgencySignInSection agencyId={a.id} {...p.signIn} /> : null}
    </Layout>
  );
}

/** The providers configured, the one this agency's staff must use (or null), and whether the viewer may change it. */
export interface AgencySignIn {
  providers: { id: string; name: { ar: string; en: string } }[];
  current: string | null;
  canEdit: boolean;
  errors?: Errors;
}

function AgencySignInSection(p: AgencySignIn & { agencyId: number }) {
  const { t, href, lang } = usePage();
  const current = p.providers.find((x) => x.id === p.current);
  return (
    <section aria-labelledby="sign-in-h" class="panel">
      <h2 id="sign-in-h">{t('oidc.agency.heading')}</h2>
      <p>{current ? t('oidc.agency.current_only', { provider: current.name[lang] }) : t('oidc.agency.current_password')}</p>
      {p.canEdit ? (
        <form method="post" action={href(`/console/agencies/${p.agencyId}/sign-in`)}>
          <Csrf />
          <ErrorSummary errors={p.errors} />
          <Select
            name="provider"
            label={t('oidc.agency.field')}
            hint={t('oidc.agency.lead')}
            value={p.current ?? ''}
            errors={p.errors}
            options={[
              { value: '', label: t('oidc.agency.password') },
              ...p.providers.map((x) => ({ value: x.id, label: t('oidc.agency.only', { provider: x.name[lang] }) })),
            ]}
          />
          <button type="submit" class="button">
            {t('oidc.agency.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}

export function AgencyFormPage(p: {
  agency?: Agency;
  values: Record<string, unknown>;
  errors?: Errors;
  agencies: Agency[];
  contactOnly: boolean;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const v = (k: string) => (p.values[k] == null ? '' : String(p.values[k]));
  const title = p.agency ? t('agency.edit', { name: pick(lang, p.agency, 'name') }) : t('agency.new');
  const action = p.agency ? href(`/console/agencies/${p.agency.id}/edit`) : href('/console/agencies/new');
  return (
    <Layout title={title} nav="/console/agencies">
      <Breadcrumbs items={[{ href: '/console/agencies', label: t('agency.list.title') }, { label: title }]} />
      <PageHeading title={title} lead={p.contactOnly ? t('agency.contact_only') : undefined} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={action} class="panel" noValidate>
        <Csrf />
        {p.contactOnly ? null : (
          <>
            <Field name="name_ar" label={t('field.name_ar')} value={v('name_ar')} errors={p.errors} lang="ar" dir="rtl" required />
            <Field name="name_en" label={t('field.name_en')} value={v('name_en')} errors={p.errors} lang="en" dir="ltr" required />
            <Field
              name="code"
              label={t('field.code')}
              hint={t('agency.code_hint')}
              value={v('code')}
              errors={p.errors}
              dir="ltr"
              required
            />
            <Select
              name="kind"
              label={t('field.agency_kind')}
              value={v('kind')}
              options={agencyKinds.map((k) => ({ value: k, label: label(agencyKindLabel, k) }))}
              errors={p.errors}
            />
            <Select
              name="parent_id"
              label={t('field.parent_agency')}
              value={v('parent_id')}
              blank={t('agency.no_parent')}
              options={p.agencies.filter((a) => a.id !== p.agency?.id).map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
              errors={p.errors}
            />
            <Select
              name="status"
              label={t('field.status')}
              value={v('status') || 'active'}
              options={Object.entries(agencyStatusLabel).map(([value, key]) => ({ value, label: t(key) }))}
              errors={p.errors}
            />
          </>
        )}
        <Field name="website" type="url" label={t('field.website')} value={v('website')} errors={p.errors} dir="ltr" />
        <Field name="email" type="email" label={t('field.email')} value={v('email')} errors={p.errors} dir="ltr" />
        <Field name="phone" type="tel" label={t('field.phone')} value={v('phone')} errors={p.errors} dir="ltr" />
        <TextArea name="address_ar" label={t('field.address_ar')} value={v('address_ar')} errors={p.errors} lang="ar" dir="rtl" rows={2} />
        <TextArea name="address_en" label={t('field.address_en')} value={v('address_en')} errors={p.errors} lang="en" dir="ltr" rows={2} />
        <button type="submit" class="button">
          {t('action.save')}
        </button>
      </form>
    </Layout>
  );
}
