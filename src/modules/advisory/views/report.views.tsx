import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DataTable, DateTime } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { FindingRow } from '../advisory.repo.ts';
import { type Severity, severities } from '../advisory.tables.ts';
import type { Workspace } from '../queue.service.ts';
import { AdvisoryLayout, Day, docTypeLabel, priorityLabel, responseLabel, roleLabel, severityLabel, typeLabel } from './common.tsx';
import { Clocks } from './request.views.tsx';

const rank = (s: Severity) => severities.indexOf(s);
const byWeight = (a: FindingRow, b: FindingRow) => rank(a.severity) - rank(b.severity) || a.id - b.id;
const accepted = (f: FindingRow) => f.response === 'accept' || f.response === 'accept_in_part';

/** The report itself: the same on the page and in the PDF. */
export function ReportBody({ w, generatedAt }: { w: Workspace; generatedAt: string }) {
  const { t, lang, num } = usePage();
  const r = w.request;
  const agency = w.agencies.get(r.agency_id);
  const findings = [...w.findings].sort(byWeight);
  const followups = findings.filter(accepted);
  const names = new Map(w.members.map((m) => [m.advisor.id, m.name]));
  // The newest version of each document.
  const latest = w.documents.filter((d) => !w.documents.some((x) => x.supersedes_id === d.id));
  return (
    <article class="advisory-report">
      <dl class="summary">
        <dt>{t('advisory.field.agency')}</dt>
        <dd>{agency ? pick(lang, agency, 'name') : '—'}</dd>
        <dt>{t('advisory.field.type')}</dt>
        <dd>{t(typeLabel[r.type])}</dd>
        <dt>{t('advisory.field.priority')}</dt>
        <dd>{r.priority ? t(priorityLabel[r.priority]) : '—'}</dd>
        <dt>{t('advisory.report.team')}</dt>
        <dd>
          {w.assignments.map((a) => `${names.get(a.advisor_id) ?? '—'} (${t(roleLabel[a.role])})`).join(lang === 'ar' ? '، ' : ', ') || '—'}
        </dd>
        <dt>{t('advisory.field.submitted_at')}</dt>
        <dd>
          <DateTime value={r.submitted_at} withTime />
        </dd>
        <dt>{t('advisory.report.delivered_at')}</dt>
        <dd>
          <DateTime value={r.delivered_at} withTime />
        </dd>
        {r.satisfaction ? (
          <>
            <dt>{t('advisory.field.satisfaction')}</dt>
            <dd>{t('advisory.satisfaction.of_five', { n: r.satisfaction })}</dd>
          </>
        ) : null}
        <dt>{t('advisory.report.generated')}</dt>
        <dd>
          <DateTime value={generatedAt} withTime />
        </dd>
      </dl>

      <section aria-labelledby="report-question-h">
        <h2 id="report-question-h">{t('advisory.field.question')}</h2>
        <p class="prewrap" dir="auto">
          {r.question}
        </p>
      </section>

      <section aria-labelledby="report-summary-h">
        <h2 id="report-summary-h">{t('advisory.field.summary')}</h2>
        <p class="prewrap" dir="auto">
          {r.summary ?? t('advisory.report.no_summary')}
        </p>
        <DataTable
          caption={t('advisory.metrics.by_severity')}
          headers={[t('advisory.field.severity'), t('advisory.report.findings_n'), t('advisory.report.accepted_n')]}
          empty={false}
        >
          {severities.map((s) => (
            <tr key={s}>
              <th scope="row">{t(severityLabel[s])}</th>
              <td class="num">{num(findings.filter((f) => f.severity === s).length)}</td>
              <td class="num">{num(followups.filter((f) => f.severity === s).length)}</td>
            </tr>
          ))}
        </DataTable>
      </section>

      <Clocks w={w} />

      <section aria-labelledby="report-findings-h">
        <h2 id="report-findings-h">{t('advisory.report.register')}</h2>
        <ol class="advisory-findings">
          {findings.map((f) => (
            <li key={f.id} id={`finding-${f.id}`}>
              <h3 dir="auto">
                {f.title} — {t(severityLabel[f.severity])}
              </h3>
              <dl class="summary">
                <dt>{t('advisory.field.recommendation')}</dt>
                <dd class="prewrap" dir="auto">
                  {f.recommendation}
                </dd>
                <dt>{t('advisory.field.reference')}</dt>
                <dd dir="auto">{f.reference}</dd>
                <dt>{t('advisory.field.response')}</dt>
                <dd>
                  {f.response ? t(responseLabel[f.response]) : t('advisory.findings.awaiting')}
                  {f.response_reason ? (
                    <>
                      {' — '}
                      <span dir="auto">{f.response_reason}</span>
                    </>
                  ) : null}
                </dd>
              </dl>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="report-followups-h">
        <h2 id="report-followups-h">{t('advisory.report.followups')}</h2>
        <p>{t('advisory.report.followups_lead')}</p>
        <DataTable
          caption={t('advisory.report.followups')}
          headers={[t('advisory.field.finding'), t('advisory.field.response'), t('advisory.field.due_on'), t('advisory.field.followup')]}
          empty={followups.length === 0}
        >
          {followups.map((f) => (
            <tr key={f.id}>
              <td dir="auto">{f.title}</td>
              <td>{f.response ? t(responseLabel[f.response]) : ''}</td>
              <td>{f.due_on ? <Day value={f.due_on} /> : '—'}</td>
              <td>
                {f.followup_closed_at ? (
                  <>
                    {t('advisory.followup.closed')} <DateTime value={f.followup_closed_at} />
                    {f.followup_note ? (
                      <>
                        {' — '}
                        <span dir="auto">{f.followup_note}</span>
                      </>
                    ) : null}
                  </>
                ) : (
                  t('advisory.followup.open')
                )}
              </td>
            </tr>
          ))}
        </DataTable>
      </section>

      <section aria-labelledby="report-documents-h">
        <h2 id="report-documents-h">{t('advisory.report.documents')}</h2>
        <DataTable
          caption={t('advisory.report.documents')}
          headers={[t('advisory.field.doc_title'), t('advisory.field.doc_type'), t('advisory.report.version')]}
          empty={latest.length === 0}
        >
          {latest.map((d) => (
            <tr key={d.id}>
              <td dir="auto">{d.title}</td>
              <td>{t(docTypeLabel[d.doc_type])}</td>
              <td class="num">{num(d.version)}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </article>
  );
}

/** The report's page: the same body, with the PDF in either language (or why there is none) and a way back. */
export function ReportPage({ w, pdf }: { w: Workspace; pdf: boolean }) {
  const { t, lang } = usePage();
  const r = w.request;
  const title = t('advisory.report.heading', { title: r.title });
  return (
    <AdvisoryLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/advisory', label: t('advisory.title') },
          { href: `/console/advisory/${r.id}`, label: r.title },
          { label: t('advisory.report.title') },
        ]}
      />
      <PageHeading title={title} />
      <div class="no-print">
        {pdf ? (
          <p>
            <a class="button" href={`/console/advisory/${r.id}/report.pdf?lang=${lang}`} download>
              {t('advisory.report.pdf')}
            </a>{' '}
            <a class="button secondary" href={`/console/advisory/${r.id}/report.pdf?lang=${lang === 'ar' ? 'en' : 'ar'}`} download>
              {t('advisory.report.pdf_other')}
            </a>
          </p>
        ) : (
          <p class="notice warn">{t('advisory.report.pdf_unavailable')}</p>
        )}
      </div>
      <ReportBody w={w} generatedAt={w.now.toISOString()} />
    </AdvisoryLayout>
  );
}
