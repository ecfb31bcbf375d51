import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Choices, Csrf, ErrorSummary, type Errors } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { missingForSubmission, Sheet } from '../answers.service.ts';
import { submitProblemLabel } from '../measure.labels.ts';
import { MeasureLayout, nameOf, ParticipantStatusTag } from './common.tsx';
import { sheetPath } from './sheet.views.tsx';

/** The agency administrator's sign-off: what is still missing, the attestation, and the submit button. */
export function SubmitPage(p: { sheet: Sheet; missing: ReturnType<typeof missingForSubmission>; canSubmit: boolean; errors?: Errors }) {
  const { t, lang, href } = usePage();
  const { sheet } = p;
  const agencyName = pick(lang, sheet.participant.agency, 'name');
  const base = sheetPath(sheet.round.id, sheet.participant.agency_id);
  const resubmit = sheet.mode === 'returned';
  const title = resubmit ? t('measure.submit.resubmit_title') : t('measure.submit.title');
  return (
    <MeasureLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: `/console/measure/rounds/${sheet.round.id}`, label: nameOf(lang, sheet.round) },
          { href: base, label: agencyName },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={agencyName} lead={resubmit ? t('measure.submit.resubmit_lead') : t('measure.submit.lead')} />
      <p>
        <ParticipantStatusTag status={sheet.participant.status} />
      </p>
      <ErrorSummary errors={p.errors} />
      {sheet.mode === 'none' ? <p class="notice">{t('measure.submit.not_now')}</p> : null}
      {p.missing.length ? (
        <section class="panel" aria-labelledby="missing-title">
          <h2 id="missing-title">{t('measure.submit.missing_title', { count: p.missing.length })}</h2>
          <ul>
            {p.missing.map((m) => (
              <li key={m.q.key}>
                <a href={href(`${base}/questions/${encodeURIComponent(m.q.key)}`)}>{nameOf(lang, m.q)}</a> —{' '}
                {t(submitProblemLabel[m.problem])}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {!p.canSubmit ? <p class="notice">{t('measure.submit.admin_only')}</p> : null}
      {p.canSubmit && sheet.mode !== 'none' && p.missing.length === 0 ? (
        <form method="post" action={href(`${base}/submit`)} class="panel">
          <Csrf />
          <Choices
            name="attest"
            legend={t('measure.submit.sign_off')}
            options={[{ value: 'on', label: t('measure.submit.attest') }]}
            errors={p.errors}
          />
          <button type="submit" class="button">
            {resubmit ? t('measure.submit.resubmit_button') : t('measure.submit.button')}
          </button>
        </form>
      ) : null}
    </MeasureLayout>
  );
}
