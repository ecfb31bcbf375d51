import { Csrf, DataTable, DateTime, ErrorSummary, type Errors, PostButton, Tag, TextArea } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';

export interface SignInMethods {
  secondFactor: boolean;
  resetPending: boolean;
  links: { id: number; name: { ar: string; en: string }; email: string; created_at: string; last_sign_in_at: string | null }[];
}

/**
 * How an account signs in: its authenticator app (with the administrator's reset) and the provider
 * identities linked to it (each with an unlink button). `base` is where the actions post: the
 * administrator's page of the person, or the person's own account page.
 */
export function SignInSection(p: {
  methods: SignInMethods;
  base: string;
  canReset: boolean;
  canUnlink: boolean;
  heading: string;
  values?: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const m = p.methods;
  return (
    <section aria-labelledby={p.heading}>
      <h2 id={p.heading}>{t('signin_methods.title')}</h2>
      <dl class="summary panel">
        <dt>{t('signin_methods.second_factor')}</dt>
        <dd>
          {m.secondFactor ? (
            <Tag>{t('signin_methods.on')}</Tag>
          ) : m.resetPending ? (
            <Tag tone="amber">{t('signin_methods.reset_pending')}</Tag>
          ) : (
            <Tag tone="grey">{t('signin_methods.off')}</Tag>
          )}
        </dd>
      </dl>
      <ErrorSummary errors={p.errors} />
      {p.canReset ? (
        <form
          method="post"
          action={href(`${p.base}/two-factor/reset`)}
          class="panel"
          data-confirm={t('signin_methods.reset_confirm')}
          noValidate
        >
          <h3>{t('signin_methods.reset')}</h3>
          <Csrf />
          <TextArea
            name="reason"
            label={t('signin_methods.reset_reason')}
            hint={t('signin_methods.reset_reason_hint')}
            value={typeof p.values?.reason === 'string' ? p.values.reason : ''}
            errors={p.errors}
            rows={3}
            required
          />
          <button type="submit" class="button danger">
            {t('signin_methods.reset')}
          </button>
        </form>
      ) : null}
      <DataTable
        caption={t('signin_methods.providers')}
        headers={[
          t('signin_methods.provider'),
          t('field.email'),
          t('signin_methods.linked_at'),
          t('user.last_sign_in'),
          { hidden: t('list.actions') },
        ]}
        empty={m.links.length === 0}
      >
        {m.links.map((l) => (
          <tr key={l.id}>
            <td>{l.name[lang]}</td>
            <td class="ltr">{l.email}</td>
            <td>
              <DateTime value={l.created_at} withTime />
            </td>
            <td>
              <DateTime value={l.last_sign_in_at} withTime />
            </td>
            <td>
              {p.canUnlink ? (
                <PostButton
                  action={href(`${p.base}/providers/${l.id}/unlink`)}
                  label={t('signin_methods.unlink')}
                  tone="secondary"
                  confirm={t('signin_methods.unlink_confirm', { provider: l.name[lang] })}
                />
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
