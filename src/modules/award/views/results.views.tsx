import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, ErrorSummary, type Errors, PostButton, Select, useLabel } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { BranchRow, CycleRow, DecisionRow, NominationRow } from '../award.repo.ts';
import type { Phase } from '../award.service.ts';
import type { Certificate } from '../decisions.service.ts';
import type { Aggregate } from '../scoring.ts';
import {
  AwardLayout,
  decisionStatusLabel,
  Head,
  Instant,
  nameOf,
  nomineeKindLabel,
  outcomeLabel,
  phaseLabel,
  str,
  tieBreakLabel,
  titleOf,
} from './common.tsx';

type Values = Record<string, unknown>;

export interface Standing {
  branch: BranchRow;
  rows: (Aggregate & { nomination: NominationRow })[];
  unscored: NominationRow[];
  agreement: { nominations: number; meanSd: number | null };
}

export interface Statistics {
  byBranch: { branch: BranchRow; submitted: number; eligible: number; ineligible: number; withdrawn: number }[];
  byAgency: { agencyId: number; submitted: number }[];
}

export function ResultsPage(p: {
  cycle: CycleRow;
  standings: Standing[];
  decisions: (DecisionRow & { certificate: Certificate | null })[];
  statistics: Statistics;
  agencies: Map<number, Agency>;
  can: { administer: boolean };
  form?: number;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const c = p.cycle;
  const fmt = (x: number) => num(x, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
  const allApproved = p.standings.length > 0 && p.standings.every((s) => s.branch.decision_status === 'approved');
  return (
    <AwardLayout title={t('award.results.title')}>
      <Breadcrumbs
        items={[
          { href: '/console/award', label: t('award.title') },
          { href: `/console/award/${c.id}`, label: nameOf(lang, c) },
          { label: t('award.results.title') },
        ]}
      />
      <PageHeading title={t('award.results.title')} caption={nameOf(lang, c)} lead={t('award.results.lead')} />
      <ErrorSummary errors={p.errors} />
      <p>
        {t('award.export.title')}: <a href={href(`/console/award/${c.id}/export.csv`)}>{t('award.export.csv')}</a>
        {' · '}
        <a href={href(`/console/award/${c.id}/export.xlsx`)}>{t('award.export.xlsx')}</a>
      </p>
      {c.results_published_at ? (
        <p>
          {t('award.results.published_on')} <Instant value={c.results_published_at} />
        </p>
      ) : p.can.administer && allApproved ? (
        <PostButton
          action={href(`/console/award/${c.id}/publish`)}
          label={t('award.results.publish')}
          confirm={t('award.results.publish_confirm')}
        />
      ) : null}
      {p.standings.map((s) => {
        const b = s.branch;
        const chosen = new Map(p.decisions.filter((d) => d.branch_id === b.id).map((d) => [d.nomination_id, d]));
        const values = p.form === b.id ? (p.values ?? {}) : {};
        const errors = p.form === b.id ? p.errors : undefined;
        const editable = !c.results_published_at && b.decision_status !== 'approved';
        const cols = [
          t('award.results.rank'),
          t('award.field.title'),
          t('award.field.agency'),
          t('award.results.judges'),
          t('award.results.raw'),
        ];
        // The normalised mean shows where the branch asks for it or the edition's tie-break ranks by it first.
        const showTops = c.tie_break === 'raw_top_scores';
        if (b.normalise || c.tie_break === 'normalised_raw') cols.push(t('award.results.normalised'));
        if (showTops) cols.push(t('award.results.top_scores'));
        cols.push(t('award.results.outcome'));
        return (
          <section key={b.id} aria-labelledby={`b-${b.id}`}>
            <h2 id={`b-${b.id}`}>{nameOf(lang, b)}</h2>
            <p>{t(tieBreakLabel[c.tie_break])}</p>
            <p>
              {label(decisionStatusLabel, b.decision_status)}
              {b.decided_by ? ` · ${t('award.results.proposed_by', { who: b.decided_by })}` : ''}
              {b.approved_by ? ` · ${t('award.results.approved_by', { who: b.approved_by })}` : ''}
            </p>
            {s.rows.length === 0 ? (
              <p>{t('award.results.no_scores')}</p>
            ) : (
              <form method="post" action={href(`/console/award/branches/${b.id}/decision`)} novalidate>
                <Csrf />
                <div class="table-wrap" tabIndex={0}>
                  <table>
                    <caption>{t('award.results.caption', { branch: nameOf(lang, b) })}</caption>
                    <Head cols={cols} />
                    <tbody>
                      {s.rows.map((r) => {
                        const d = chosen.get(r.nominationId);
                        const a = r.nomination.agency_id === null ? undefined : p.agencies.get(r.nomination.agency_id);
                        return (
                          <tr key={r.nominationId}>
                            <td>{num(r.rank)}</td>
                            <th scope="row">
                              <a href={href(`/console/award/nominations/${r.nominationId}`)}>{titleOf(lang, r.nomination)}</a>
                            </th>
                            <td>{a ? pick(lang, a, 'name') : ''}</td>
                            <td>{num(r.judges)}</td>
                            <td>{fmt(r.raw)}</td>
                            {b.normalise || c.tie_break === 'normalised_raw' ? <td>{fmt(r.normalised)}</td> : null}
                            {showTops ? <td>{num(r.topScores)}</td> : null}
                            <td>
                              {editable ? (
                                <>
                                  <Select
                                    name={`outcome_${r.nominationId}`}
                                    label={t('award.results.outcome_for', { title: titleOf(lang, r.nomination) })}
                                    value={str(values[`outcome_${r.nominationId}`] ?? d?.outcome ?? 'none')}
                                    errors={errors}
                                    options={[
                                      { value: 'none', label: t('award.outcome.none') },
                                      { value: 'winner', label: t('award.outcome.winner') },
                                      { value: 'honourable_mention', label: t('award.outcome.honourable_mention') },
                                    ]}
                                  />
                                  <div class="field">
                                    <label for={`f-citation_ar_${r.nominationId}`}>{t('award.field.citation_ar')}</label>
                                    <textarea
                                      id={`f-citation_ar_${r.nominationId}`}
                                      name={`citation_ar_${r.nominationId}`}
                                      rows={2}
                                      lang="ar"
                                      dir="rtl"
                                    >
                                      {str(values[`citation_ar_${r.nominationId}`] ?? d?.citation_ar) ?? ''}
                                    </textarea>
                                  </div>
                                  <div class="field">
                                    <label for={`f-citation_en_${r.nominationId}`}>{t('award.field.citation_en')}</label>
                                    <textarea
                                      id={`f-citation_en_${r.nominationId}`}
                                      name={`citation_en_${r.nominationId}`}
                                      rows={2}
                                      lang="en"
                                      dir="ltr"
                                    >
                                      {str(values[`citation_en_${r.nominationId}`] ?? d?.citation_en) ?? ''}
                                    </textarea>
                                  </div>
                                </>
                              ) : d ? (
                                <>
                                  <strong>{label(outcomeLabel, d.outcome)}</strong>
                                  <p>{pick(lang, d, 'citation')}</p>
                                  <CertificateNote certificate={d.certificate} />
                                </>
                              ) : (
                                t('award.outcome.none')
                              )}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
                {editable ? (
                  <button type="submit" class="button secondary">
                    {t('award.results.propose')}
                  </button>
                ) : null}
              </form>
            )}
            {s.unscored.length > 0 ? <p class="muted">{t('award.results.unscored', { count: s.unscored.length })}</p> : null}
            {s.agreement.meanSd !== null ? (
              <p class="muted">{t('award.stats.agreement', { sd: fmt(s.agreement.meanSd), count: s.agreement.nominations })}</p>
            ) : null}
            {p.can.administer && c.results_published_at
              ? [...chosen.values()]
                  .filter(
                    (d) =>
                      p.decisions.find((x) => x.id === d.id)?.certificate &&
                      !p.decisions.find((x) => x.id === d.id)?.certificate?.revoked_at,
                  )
                  .map((d) => {
                    const n = s.rows.find((r) => r.nominationId === d.nomination_id)?.nomination;
                    return (
                      <form key={d.id} method="post" action={href(`/console/award/decisions/${d.id}/revoke`)} novalidate>
                        <Csrf />
                        <div class="field">
                          <label for={`f-reason-${d.id}`}>{t('award.certificate.reason', { title: n ? titleOf(lang, n) : '' })}</label>
                          <input id={`f-reason-${d.id}`} name="reason" type="text" required />
                        </div>
                        <button type="submit" class="button danger">
                          {t('award.certificate.revoke')}
                        </button>
                      </form>
                    );
                  })
              : null}
            {p.can.administer && b.decision_status === 'proposed' && !c.results_published_at ? (
              <PostButton
                action={href(`/console/award/branches/${b.id}/approve`)}
                label={t('award.results.approve', { branch: nameOf(lang, b) })}
              />
            ) : null}
          </section>
        );
      })}
      <section aria-labelledby="stats-h">
        <h2 id="stats-h">{t('award.stats.title')}</h2>
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.stats.by_branch')}</caption>
            <Head
              cols={[
                t('award.field.branch'),
                t('award.status.submitted'),
                t('award.screening.eligible'),
                t('award.screening.ineligible'),
                t('award.status.withdrawn'),
              ]}
            />
            <tbody>
              {p.statistics.byBranch.map((r) => (
                <tr key={r.branch.id}>
                  <th scope="row">{nameOf(lang, r.branch)}</th>
                  <td>{num(r.submitted)}</td>
                  <td>{num(r.eligible)}</td>
                  <td>{num(r.ineligible)}</td>
                  <td>{num(r.withdrawn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.statistics.byAgency.length > 0 ? (
          <div class="table-wrap" tabIndex={0}>
            <table>
              <caption>{t('award.stats.by_agency')}</caption>
              <Head cols={[t('award.field.agency'), t('award.status.submitted')]} />
              <tbody>
                {p.statistics.byAgency.map((r) => {
                  const a = p.agencies.get(r.agencyId);
                  return (
                    <tr key={r.agencyId}>
                      <th scope="row">{a ? pick(lang, a, 'name') : `#${r.agencyId}`}</th>
                      <td>{num(r.submitted)}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </AwardLayout>
  );
}

// --- Public pages -------------------------------------------------------------------------------

export function ArchivePage(p: { cycles: { cycle: CycleRow; phase: Phase }[] }) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <AwardLayout title={t('award.public.title')} nav="/award">
      <PageHeading title={t('award.public.title')} lead={t('award.public.lead')} />
      {p.cycles.length === 0 ? (
        <p>{t('award.cycle.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.public.caption')}</caption>
            <Head cols={[t('award.field.name'), t('award.field.nominations_close_at'), t('award.field.phase')]} />
            <tbody>
              {p.cycles.map(({ cycle, phase }) => (
                <tr key={cycle.id}>
                  <th scope="row">
                    <a href={href(`/award/${cycle.number}`)}>{nameOf(lang, cycle)}</a>
                  </th>
                  <td>
                    <Instant value={cycle.nominations_close_at} />
                  </td>
                  <td>{label(phaseLabel, phase)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AwardLayout>
  );
}

export function EditionPage(p: {
  cycle: CycleRow;
  phase: Phase;
  branches: { branch: BranchRow; awards: { decision: DecisionRow; nomination: NominationRow; certificate: Certificate | null }[] }[];
  agencies: Map<number, Agency>;
  /** Nominations are open and a branch takes people: link to nominating as an individual. */
  individuals?: boolean;
}) {
  const { t, lang, href } = usePage();
  const label = useLabel();
  const c = p.cycle;
  return (
    <AwardLayout title={nameOf(lang, c)} nav="/award">
      <Breadcrumbs items={[{ href: '/award', label: t('award.public.title') }, { label: nameOf(lang, c) }]} />
      <PageHeading title={nameOf(lang, c)} caption={label(phaseLabel, p.phase)} />
      <dl class="facts">
        <dt>{t('award.field.nominations_open_at')}</dt>
        <dd>
          <Instant value={c.nominations_open_at} />
        </dd>
        <dt>{t('award.field.nominations_close_at')}</dt>
        <dd>
          <Instant value={c.nominations_close_at} />
        </dd>
        <dt>{t('award.field.results_on')}</dt>
        <dd>
          <Instant value={c.results_at} />
        </dd>
      </dl>
      {p.individuals ? (
        <p class="panel">
          {t('award.individual.invite')} <a href={href(`/award/${c.number}/nominate`)}>{t('award.individual.title')}</a>
        </p>
      ) : null}
      <h2>{t('award.field.rules')}</h2>
      <p class="prewrap">{pick(lang, c, 'rules')}</p>
      <h2>{c.results_published_at ? t('award.public.results') : t('award.branch.title')}</h2>
      {!c.results_published_at ? <p>{t('award.public.not_yet')}</p> : null}
      {p.branches.map(({ branch: b, awards }) => (
        <section key={b.id} aria-labelledby={`pb-${b.id}`}>
          <h3 id={`pb-${b.id}`}>{nameOf(lang, b)}</h3>
          <p class="muted">
            {label(nomineeKindLabel, b.nominee_kind)} · {pick(lang, b, 'description')}
          </p>
          {c.results_published_at ? (
            awards.length === 0 ? (
              <p>{t('award.outcome.not_awarded')}</p>
            ) : (
              <ul class="award-results">
                {awards.map(({ decision: d, nomination: n, certificate }) => {
                  const a = n.agency_id === null ? undefined : p.agencies.get(n.agency_id);
                  return (
                    <li key={d.id}>
                      <strong>{label(outcomeLabel, d.outcome)}</strong>: {titleOf(lang, n)} — {n.nominee_name ? `${n.nominee_name}, ` : ''}
                      {a ? pick(lang, a, 'name') : ''}
                      <p>{pick(lang, d, 'citation')}</p>
                      <CertificateNote certificate={certificate} />
                    </li>
                  );
                })}
              </ul>
            )
          ) : null}
        </section>
      ))}
    </AwardLayout>
  );
}

/** A certificate's verification link, or that it was withdrawn and why. */
function CertificateNote({ certificate }: { certificate: Certificate | null }) {
  const { t, href } = usePage();
  if (!certificate) return null;
  return certificate.revoked_at ? (
    <p>
      <strong>{t('award.certificate.revoked')}</strong> {certificate.revoked_reason}
    </p>
  ) : (
    <p>
      <a href={href(`/verify/${certificate.serial}`)}>{t('award.certificate.verify', { serial: certificate.serial })}</a>
    </p>
  );
}
