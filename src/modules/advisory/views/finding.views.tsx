import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Choices,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  Select,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { FindingRow } from '../advisory.repo.ts';
import { responses, severities } from '../advisory.tables.ts';
import type { Workspace } from '../queue.service.ts';
import { AdvisoryLayout, Day, responseLabel, severityLabel, str } from './common.tsx';

type Values = Record<string, unknown>;

/** An assigned advisor records a finding: severity, recommendation, and the place in the document it refers to. */
export function FindingFormPage(p: { w: Workspace; values: Values; errors?: Errors }) {
  const { t, href } = usePage();
  const r = p.w.request;
  const v = p.values;
  return (
    <AdvisoryLayout title={t('advisory.findings.add')}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: t('advisory.findings.add') },
        ]}
      />
      <PageHeading title={t('advisory.findings.add')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/advisory/${r.id}/findings`)} novalidate>
        <Csrf />
        <Select
          name="severity"
          label={t('advisory.field.severity')}
          value={str(v.severity)}
          errors={p.errors}
          required
          options={severities.map((x) => ({ value: x, label: t(severityLabel[x]) }))}
        />
        <Field name="title" label={t('advisory.field.finding')} value={str(v.title)} errors={p.errors} required />
        <TextArea
          name="recommendation"
          label={t('advisory.field.recommendation')}
          value={str(v.recommendation)}
          errors={p.errors}
          required
        />
        <Field
          name="reference"
          label={t('advisory.field.reference')}
          hint={t('advisory.field.reference_hint')}
          value={str(v.reference)}
          errors={p.errors}
          required
        />
        <button type="submit" class="button">
          {t('advisory.findings.save')}
        </button>
      </form>
    </AdvisoryLayout>
  );
}

/** One finding: what it says, the agency's response (and its form), the follow-up (and the office's form). */
export function FindingPage(p: { w: Workspace; finding: FindingRow; form?: 'response' | 'followup'; values?: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const { request: r, access } = p.w;
  const x = p.finding;
  const v = p.values ?? {};
  const agency = p.w.agencies.get(r.agency_id);
  const followup = x.response === 'accept' || x.response === 'accept_in_part';
  return (
    <AdvisoryLayout title={x.title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: x.title },
        ]}
      />
      <PageHeading title={x.title} caption={agency ? pick(lang, agency, 'name') : undefined} />
      <ErrorSummary errors={p.errors} />
      <dl class="summary">
        <dt>{t('advisory.field.severity')}</dt>
        <dd>{t(severityLabel[x.severity])}</dd>
        <dt>{t('advisory.field.reference')}</dt>
        <dd>{x.reference}</dd>
        <dt>{t('advisory.field.recommendation')}</dt>
        <dd class="prewrap" dir="auto">
          {x.recommendation}
        </dd>
        <dt>{t('advisory.field.recorded_by')}</dt>
        <dd>
          {x.created_by} — <DateTime value={x.created_at} />
        </dd>
      </dl>
      <section aria-labelledby="response-h">
        <h2 id="response-h">{t('advisory.field.response')}</h2>
        {x.response ? (
          <dl class="summary">
            <dt>{t('advisory.field.response')}</dt>
            <dd>{t(responseLabel[x.response])}</dd>
            <dt>{t('advisory.field.reason')}</dt>
            <dd>{x.response_reason ?? '—'}</dd>
            <dt>{t('advisory.field.due_on')}</dt>
            <dd>
              <Day value={x.due_on} />
            </dd>
          </dl>
        ) : access.actForAgency && r.status === 'delivered' ? (
          <form method="post" action={href(`/console/advisory/${r.id}/findings/${x.id}/response`)} novalidate>
            <Csrf />
            <Choices
              type="radio"
              name="response"
              legend={t('advisory.field.response')}
              values={v.response ? [String(v.response)] : []}
              errors={p.errors}
              options={responses.map((o) => ({ value: o, label: t(responseLabel[o]) }))}
            />
            <TextArea
              name="reason"
              label={t('advisory.field.reason')}
              hint={t('advisory.response.reason_hint')}
              value={str(v.reason)}
              errors={p.errors}
              rows={3}
            />
            <Field
              name="due_on"
              type="date"
              label={t('advisory.field.due_on')}
              hint={t('advisory.response.due_hint')}
              value={str(v.due_on)}
              errors={p.errors}
            />
            <button type="submit" class="button">
              {t('advisory.response.send')}
            </button>
          </form>
        ) : (
          <p>{t('advisory.findings.awaiting')}</p>
        )}
      </section>
      {followup ? (
        <section aria-labelledby="followup-h">
          <h2 id="followup-h">{t('advisory.field.followup')}</h2>
          {x.followup_closed_at ? (
            <p>
              {t('advisory.followup.closed')} — <DateTime value={x.followup_closed_at} />: {x.followup_note}
            </p>
          ) : access.office ? (
            <form method="post" action={href(`/console/advisory/${r.id}/findings/${x.id}/followup`)} novalidate>
              <Csrf />
              <TextArea name="note" label={t('advisory.followup.note')} value={str(v.note)} errors={p.errors} rows={3} required />
              <button type="submit" class="button">
                {t('advisory.followup.close')}
              </button>
            </form>
          ) : (
            <p>{t('advisory.followup.open')}</p>
          )}
        </section>
      ) : null}
    </AdvisoryLayout>
  );
}
