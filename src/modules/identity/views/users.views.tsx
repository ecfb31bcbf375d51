import { isAgencyRole, type Role, roleLabel, roles } from '../../../platform/authz/roles.ts';
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
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { userStatusLabel } from '../identity.labels.ts';
import type { Agency, User } from '../identity.repo.ts';
import { type SignInMethods, SignInSection } from './sign-in.views.tsx';

type MembershipView = { id: number; role: string; agency_id: number | null; name_ar: string | null; name_en: string | null };

function StatusTag({ status }: { status: User['status'] }) {
  const label = useLabel();
  return <Tag tone={status === 'active' ? undefined : status === 'invited' ? 'amber' : 'grey'}>{label(userStatusLabel, status)}</Tag>;
}

export function UsersPage(p: {
  items: User[];
  hasNext: boolean;
  page: number;
  filters: Record<string, string | undefined>;
  agencies: Agency[];
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <Layout title={t('user.list.title')} nav="/console/users">
      <PageHeading title={t('user.list.title')} lead={t('user.list.lead')} />
      <p>
        <a class="button" href={href('/console/users/invite')}>
          {t('user.invite')}
        </a>
      </p>
      <FilterForm action={'/console/users'}>
        <Field name="q" type="search" label={t('filters.search')} value={p.filters.q} />
        <Select
          name="role"
          label={t('field.role')}
          value={p.filters.role}
          blank={t('filters.any')}
          options={roles.map((r) => ({ value: r, label: label(roleLabel, r) }))}
        />
        <Select
          name="status"
          label={t('field.status')}
          value={p.filters.status}
          blank={t('filters.any')}
          options={Object.entries(userStatusLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Select
          name="agency"
          label={t('field.agency')}
          value={p.filters.agency}
          blank={t('filters.any')}
          options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        />
      </FilterForm>
      <DataTable
        caption={t('user.list.title')}
        headers={[t('field.name'), t('field.email'), t('field.status'), t('user.last_sign_in')]}
        empty={p.items.length === 0}
      >
        {p.items.map((u) => (
          <tr key={u.id}>
            <td>
              <a href={href(`/console/users/${u.id}`)}>{u.name}</a>
            </td>
            <td class="ltr">{u.email}</td>
            <td>
              <StatusTag status={u.status} />
            </td>
            <td>
              <DateTime value={u.last_login_at} withTime />
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={p.page} hasNext={p.hasNext} query={p.filters} />
    </Layout>
  );
}

export function RoleFields(p: { values: Record<string, unknown>; errors?: Errors; agencies: Agency[]; grantable: Role[] }) {
  const { t, lang } = usePage();
  const label = useLabel();
  return (
    <>
      <Select
        name="role"
        label={t('field.role')}
        value={String(p.values.role ?? '')}
        options={p.grantable.map((r) => ({ value: r, label: label(roleLabel, r) }))}
        errors={p.errors}
      />
      <Select
        name="agency_id"
        label={t('field.agency')}
        hint={t('user.agency_hint')}
        value={String(p.values.agency_id ?? '')}
        blank={t('user.no_agency')}
        options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
        errors={p.errors}
      />
    </>
  );
}

export function InvitePage(p: { values: Record<string, unknown>; errors?: Errors; agencies: Agency[]; grantable: Role[] }) {
  const { t, href } = usePage();
  return (
    <Layout title={t('user.invite')} nav="/console/users">
      <Breadcrumbs items={[{ href: '/console/users', label: t('user.list.title') }, { label: t('user.invite') }]} />
      <PageHeading title={t('user.invite')} lead={t('user.invite_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/users/invite')} class="panel" noValidate>
        <Csrf />
        <Field name="name" label={t('field.name')} value={String(p.values.name ?? '')} errors={p.errors} required />
        <Field
          name="email"
          type="email"
          label={t('field.email')}
          value={String(p.values.email ?? '')}
          errors={p.errors}
          dir="ltr"
          required
        />
        <Select
          name="locale"
          label={t('field.locale')}
          value={String(p.values.locale ?? 'ar')}
          options={[
            { value: 'ar', label: 'العربية' },
            { value: 'en', label: 'English' },
          ]}
          errors={p.errors}
        />
        <RoleFields values={p.values} errors={p.errors} agencies={p.agencies} grantable={p.grantable} />
        <button type="submit" class="button">
          {t('user.send_invitation')}
        </button>
      </form>
    </Layout>
  );
}

export function UserPage(p: {
  user: User;
  memberships: MembershipView[];
  canManage: boolean;
  canRemove: (m: MembershipView) => boolean;
  agencies: Agency[];
  grantable: Role[];
  values?: Record<string, unknown>;
  errors?: Errors;
  isSelf: boolean;
  signIn: SignInMethods;
  signInValues?: Record<string, unknown>;
  signInErrors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const u = p.user;
  const base = `/console/users/${u.id}`;
  return (
    <Layout title={u.name} nav="/console/users">
      <Breadcrumbs items={[{ href: '/console/users', label: t('user.list.title') }, { label: u.name }]} />
      <PageHeading title={u.name} lead={u.email} />
      <dl class="summary panel">
        <dt>{t('field.status')}</dt>
        <dd>
          <StatusTag status={u.status} />
        </dd>
        <dt>{t('field.locale')}</dt>
        <dd>{u.locale === 'ar' ? 'العربية' : 'English'}</dd>
        <dt>{t('user.last_sign_in')}</dt>
        <dd>
          <DateTime value={u.last_login_at} withTime />
        </dd>
        <dt>{t('field.created_at')}</dt>
        <dd>
          <DateTime value={u.created_at} withTime />
        </dd>
      </dl>
      {p.canManage && !p.isSelf ? (
        <div class="actions">
          {u.status === 'deactivated' ? (
            <PostButton action={href(`${base}/reactivate`)} label={t('user.reactivate')} tone="secondary" />
          ) : (
            <PostButton
              action={href(`${base}/deactivate`)}
              label={t('user.deactivate')}
              tone="danger"
              confirm={t('user.deactivate_confirm')}
            />
          )}
          {u.status === 'active' ? <PostButton action={href(`${base}/reset`)} label={t('user.send_reset')} tone="secondary" /> : null}
          {u.status === 'invited' ? (
            <PostButton action={href(`${base}/resend`)} label={t('user.resend_invitation')} tone="secondary" />
          ) : null}
        </div>
      ) : null}
      <SignInSection
        methods={p.signIn}
        base={base}
        canReset={p.canManage && !p.isSelf && p.signIn.secondFactor}
        canUnlink={p.canManage}
        heading="sign-in-h"
        values={p.signInValues}
        errors={p.signInErrors}
      />
      <section aria-labelledby="roles-h">
        <h2 id="roles-h">{t('user.roles')}</h2>
        <div class="table-wrap" tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('field.role')}</th>
                <th scope="col">{t('field.agency')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('list.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {p.memberships.map((m) => (
                <tr key={m.id}>
                  <td>{label(roleLabel, m.role)}</td>
                  <td>
                    {m.agency_id ? (
                      <a href={href(`/console/agencies/${m.agency_id}`)}>{pick(lang, m as Record<string, unknown>, 'name')}</a>
                    ) : (
                      t('user.whole_program')
                    )}
                  </td>
                  <td>
                    {p.canRemove(m) ? (
                      <PostButton
                        action={href(`${base}/roles/${m.id}/remove`)}
                        label={t('user.remove_role')}
                        tone="secondary"
                        confirm={t('user.remove_role_confirm')}
                      />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.grantable.length ? (
          <form method="post" action={href(`${base}/roles`)} class="panel" noValidate>
            <h3>{t('user.add_role')}</h3>
            <ErrorSummary errors={p.errors} />
            <Csrf />
            <RoleFields values={p.values ?? {}} errors={p.errors} agencies={p.agencies} grantable={p.grantable} />
            <button type="submit" class="button">
              {t('user.add_role')}
            </button>
          </form>
        ) : null}
      </section>
    </Layout>
  );
}

export const agencyRoleList = roles.filter(isAgencyRole);
