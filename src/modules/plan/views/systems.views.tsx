import type { MessageKey } from '../../../messages.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { type SystemStatus, systemStatuses } from '../plan.tables.ts';
import type { SystemRow } from '../systems.service.ts';
import { ArchivedToggle, ArchivePanel, Head, NameFields, nameOf, PlanLayout } from './common.tsx';

// The shared national systems: the list (with how many initiatives and services reuse each, and the
// administrator's form to add one) and a system's page (what reuses it, the administrator's edit form
// and the service links). Every form is a plain POST: no script needed.

type Values = Record<string, unknown>;
type Agency = { id: number; code: string; name_ar: string; name_en: string; status?: string };
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const systemStatusLabel = {
  in_service: 'plan.system.status.in_service',
  being_built: 'plan.system.status.being_built',
  retired: 'plan.system.status.retired',
} as const satisfies Record<SystemStatus, MessageKey>;

const listCrumb = { href: '/console/plans/systems', label: 'plan.system.list_title' } as const;

function SystemForm(p: { action: string; agencies: Agency[]; values: Values; errors?: Errors; heading: string; submit: string }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const v = p.values;
  return (
    <form method="post" action={href(p.action)} class="panel" novalidate>
      <h2>{p.heading}</h2>
      <Csrf />
      <Field
        name="code"
        label={t('plan.system.field.code')}
        hint={t('plan.system.field.code_hint')}
        value={str(v.code)}
        errors={p.errors}
        dir="ltr"
      />
      <NameFields values={v} errors={p.errors} />
      <TextArea
        name="description_ar"
        label={t('plan.system.field.description_ar')}
        value={str(v.description_ar)}
        errors={p.errors}
        rows={3}
        lang="ar"
        dir="rtl"
      />
      <TextArea
        name="description_en"
        label={t('plan.system.field.description_en')}
        value={str(v.description_en)}
        errors={p.errors}
        rows={3}
        lang="en"
        dir="ltr"
      />
      <Select
        name="owner_agency_id"
        label={t('plan.system.field.owner')}
        blank=""
        value={str(v.owner_agency_id)}
        errors={p.errors}
        options={p.agencies.map((a) => ({ value: String(a.id), label: nameOf(lang, a) }))}
      />
      <Select
        name="status"
        label={t('plan.system.field.status')}
        value={str(v.status ?? 'in_service')}
        errors={p.errors}
        options={systemStatuses.map((s) => ({ value: s, label: label(systemStatusLabel, s) }))}
      />
      <button type="submit" class="button">
        {p.submit}
      </button>
    </form>
  );
}

export function SystemListPage(p: {
  rows: { system: SystemRow; agency: Agency | undefined; initiatives: number; services: number }[];
  agencies: Agency[];
  canKeep: boolean;
  withArchived?: boolean;
  archivedCount?: number;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const title = t('plan.system.list_title');
  return (
    <PlanLayout title={title}>
      <Breadcrumbs items={[{ href: '/console/plans', label: t('plan.title') }, { label: title }]} />
      <PageHeading title={title} lead={t('plan.system.list_lead', { count: p.rows.length })} />
      <ErrorSummary errors={p.errors} />
      {p.rows.length === 0 ? (
        <p>{t('plan.system.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{title}</caption>
            <Head
              cols={[
                t('plan.system.col.system'),
                t('plan.system.field.code'),
                t('plan.system.field.owner'),
                t('plan.system.field.status'),
                t('plan.system.col.initiatives'),
                t('plan.system.col.services'),
              ]}
            />
            <tbody>
              {p.rows.map((r) => (
                <tr key={r.system.id}>
                  <th scope="row">
                    <a href={href(`/console/plans/systems/${r.system.id}`)}>{nameOf(lang, r.system)}</a>
                    {r.system.archived_at ? (
                      <>
                        {' '}
                        <Tag tone="grey">{t('plan.archive.tag')}</Tag>
                      </>
                    ) : null}
                  </th>
                  <td dir="ltr">{r.system.code}</td>
                  <td>{r.agency ? nameOf(lang, r.agency) : null}</td>
                  <td>
                    {r.system.status === 'retired' ? (
                      <Tag tone="grey">{label(systemStatusLabel, r.system.status)}</Tag>
                    ) : (
                      label(systemStatusLabel, r.system.status)
                    )}
                  </td>
                  <td class="num">{num(r.initiatives)}</td>
                  <td class="num">{num(r.services)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ArchivedToggle shown={p.withArchived ?? false} count={p.archivedCount ?? 0} />
      {p.canKeep ? (
        <SystemForm
          action="/console/plans/systems"
          agencies={p.agencies.filter((a) => a.status === undefined || a.status === 'active')}
          values={p.values ?? {}}
          errors={p.errors}
          heading={t('plan.system.add')}
          submit={t('plan.create')}
        />
      ) : null}
    </PlanLayout>
  );
}

export function SystemPage(p: {
  system: SystemRow;
  agency: Agency | undefined;
  agencies: Agency[];
  initiatives: { id: number; code: string; name_ar: string; name_en: string; plan_code: string; canOpen: boolean }[];
  services: { identifier: string; name_ar: string; name_en: string; published: boolean }[];
  canKeep: boolean;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  const s = p.system;
  const title = nameOf(lang, s);
  const base = `/console/plans/systems/${s.id}`;
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[{ href: '/console/plans', label: t('plan.title') }, { href: listCrumb.href, label: t(listCrumb.label) }, { label: title }]}
      />
      <PageHeading title={title} caption={label(systemStatusLabel, s.status)} />
      <ErrorSummary errors={p.errors} />
      {s.archived_at ? (
        <p class="notice">
          <Tag tone="grey">{t('plan.archive.tag')}</Tag> {t('plan.archive.archived_on')} <DateTime value={s.archived_at} />
        </p>
      ) : null}
      <p>{pick(lang, s, 'description')}</p>
      <dl class="summary">
        <dt>{t('plan.system.field.code')}</dt>
        <dd dir="ltr">{s.code}</dd>
        <dt>{t('plan.system.field.owner')}</dt>
        <dd>{p.agency ? nameOf(lang, p.agency) : null}</dd>
      </dl>
      <h2>{t('plan.system.col.initiatives')}</h2>
      {p.initiatives.length === 0 ? (
        <p>{t('plan.system.no_initiatives')}</p>
      ) : (
        <ul>
          {p.initiatives.map((i) => (
            <li key={i.id}>
              {i.canOpen ? <a href={href(`/console/plans/initiatives/${i.id}`)}>{nameOf(lang, i)}</a> : nameOf(lang, i)}{' '}
              <span class="muted" dir="ltr">
                {i.plan_code}/{i.code}
              </span>
            </li>
          ))}
        </ul>
      )}
      <h2>{t('plan.system.col.services')}</h2>
      {p.services.length === 0 ? (
        <p>{t('plan.system.no_services')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('plan.system.col.services')}</caption>
            <Head
              cols={[t('plan.system.col.service'), t('plan.system.col.identifier'), ...(p.canKeep ? [t('plan.system.col.actions')] : [])]}
            />
            <tbody>
              {p.services.map((x) => (
                <tr key={x.identifier}>
                  <th scope="row">{x.published ? <a href={href(`/services/${x.identifier}`)}>{nameOf(lang, x)}</a> : nameOf(lang, x)}</th>
                  <td dir="ltr">{x.identifier}</td>
                  {p.canKeep ? (
                    <td>
                      <PostButton
                        action={href(`${base}/services/remove`)}
                        fields={{ service: x.identifier }}
                        label={t('plan.system.remove_service', { name: nameOf(lang, x) })}
                        tone="danger"
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.canKeep ? (
        <>
          <form method="post" action={href(`${base}/services`)} class="panel" novalidate>
            <h3>{t('plan.system.add_service')}</h3>
            <Csrf />
            <Field
              name="service"
              label={t('plan.system.field.service')}
              hint={t('plan.system.field.service_hint')}
              value={str(p.values?.service)}
              errors={p.errors}
              dir="ltr"
            />
            <button type="submit" class="button">
              {t('plan.add')}
            </button>
          </form>
          <SystemForm
            action={base}
            agencies={p.agencies.filter((a) => a.status === undefined || a.status === 'active' || a.id === s.owner_agency_id)}
            values={p.values && p.values.code !== undefined ? p.values : { ...s }}
            errors={p.errors}
            heading={t('plan.system.edit')}
            submit={t('plan.save')}
          />
          <ArchivePanel action={base} archivedAt={s.archived_at} />
        </>
      ) : null}
    </PlanLayout>
  );
}
