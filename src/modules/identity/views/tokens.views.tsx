import { apiScopes, scopeLabel } from '../../../platform/authz/roles.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DataTable,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Tag,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency, ApiToken } from '../identity.repo.ts';

/** An agency's API tokens, or (no agency) the program office's own, which act across agencies. */
export function TokensPage(p: {
  agency?: Agency;
  tokens: ApiToken[];
  created?: string;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const name = p.agency ? pick(lang, p.agency, 'name') : t('token.office_caption');
  const base = p.agency ? `/console/agencies/${p.agency.id}/tokens` : '/console/tokens';
  const title = p.agency ? t('token.title') : t('token.office_title');
  return (
    <Layout title={title} nav="/console/agencies">
      <Breadcrumbs
        items={[
          { href: '/console/agencies', label: t('agency.list.title') },
          ...(p.agency ? [{ href: `/console/agencies/${p.agency.id}`, label: name }] : []),
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={name} lead={p.agency ? t('token.lead') : t('token.office_lead')} />
      {p.created ? (
        <div class="notice" role="status">
          <p>
            <strong>{t('token.created_once')}</strong>
          </p>
          <code class="secret">{p.created}</code>
          <p>{t('token.usage')}</p>
          <code class="secret">{`curl -H "Authorization: Bearer ${p.created}" /api/v1/me`}</code>
        </div>
      ) : null}
      <DataTable
        caption={title}
        headers={[
          t('field.name'),
          t('token.prefix'),
          t('token.scopes'),
          t('token.last_used'),
          t('token.expires'),
          t('field.status'),
          { hidden: t('list.actions') },
        ]}
        empty={p.tokens.length === 0}
      >
        {p.tokens.map((tok) => (
          <tr key={tok.id}>
            <td>{tok.name}</td>
            <td class="ltr">
              <code>{`yusr_${tok.prefix}_…`}</code>
            </td>
            <td class="ltr">{(JSON.parse(tok.scopes) as string[]).join(', ')}</td>
            <td>
              <DateTime value={tok.last_used_at} withTime />
            </td>
            <td>
              <DateTime value={tok.expires_at} />
            </td>
            <td>{tok.revoked ? <Tag tone="grey">{t('token.revoked')}</Tag> : <Tag>{t('token.active')}</Tag>}</td>
            <td>
              {tok.revoked ? null : (
                <PostButton
                  action={href(`${base}/${tok.id}/revoke`)}
                  label={t('token.revoke')}
                  tone="danger"
                  confirm={t('token.revoke_confirm')}
                />
              )}
            </td>
          </tr>
        ))}
      </DataTable>
      <form method="post" action={href(base)} class="panel" noValidate>
        <h2>{t('token.new')}</h2>
        <ErrorSummary errors={p.errors} />
        <Csrf />
        <Field
          name="name"
          label={t('field.name')}
          hint={t('token.name_hint')}
          value={String(p.values?.name ?? '')}
          errors={p.errors}
          required
        />
        <Choices
          name="scopes"
          legend={t('token.scopes')}
          options={apiScopes.map((s) => ({ value: s, label: `${s} — ${t(scopeLabel[s])}` }))}
          values={(p.values?.scopes as string[] | undefined) ?? ['services:read']}
          errors={p.errors}
        />
        <Field
          name="expires_in_days"
          type="number"
          inputMode="numeric"
          label={t('token.expires_in_days')}
          hint={t('token.expires_hint')}
          value={String(p.values?.expires_in_days ?? '365')}
          errors={p.errors}
          min={1}
          max={730}
        />
        <button type="submit" class="button">
          {t('token.create')}
        </button>
      </form>
    </Layout>
  );
}
