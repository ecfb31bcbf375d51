import { pick } from '../../../platform/i18n/i18n.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  type Errors,
  PostButton,
  Select,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency } from '../../identity/public.ts';
import type { BranchRow, CycleRow, NominationRow, ReviewRow } from '../award.repo.ts';
import { conflictKinds } from '../award.tables.ts';
import type { Conflict } from '../judging.service.ts';
import { AwardLayout, conflictKindLabel, conflictSourceLabel, Head, nameOf, str, titleOf } from './common.tsx';

type Values = Record<string, unknown>;

function Crumbs({ cycle, here }: { cycle: CycleRow; here: string }) {
  const { t, lang } = usePage();
  return (
    <Breadcrumbs
      items={[
        { href: '/console/award', label: t('award.title') },
        { href: `/console/award/${cycle.id}`, label: nameOf(lang, cycle) },
        { label: here },
      ]}
    />
  );
}

export function PanelPage(p: {
  cycle: CycleRow;
  judges: { user_id: number; affiliation_agency_id: number | null }[];
  people: Map<number, { name: string; email: string }>;
  candidates: { id: number; name: string; email: string }[];
  conflicts: Conflict[];
  nominations: NominationRow[];
  branches: BranchRow[];
  /** Each branch's panel (branch id → judges); a branch without one draws from every judge. */
  panels: Map<number, Set<number>>;
  reviews: ReviewRow[];
  loads: Map<number, number>;
  agencies: Map<number, Agency>;
  canAdminister: boolean;
  form?: 'judge' | 'conflict' | 'assign';
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const who = (id: number) => p.people.get(id)?.name ?? `#${id}`;
  const agencyName = (id: number | null) =>
    id === null
      ? '—'
      : (() => {
          const a = p.agencies.get(id);
          return a ? pick(lang, a, 'name') : `#${id}`;
        })();
  const v = (f: 'judge' | 'conflict' | 'assign') => (p.form === f ? (p.values ?? {}) : {});
  const e = (f: 'judge' | 'conflict' | 'assign') => (p.form === f ? p.errors : undefined);
  const judgeOptions = p.judges.map((j) => ({ value: String(j.user_id), label: who(j.user_id) }));
  const loads = [...p.loads.values()];
  const spread = loads.length ? Math.max(...loads) - Math.min(...loads) : 0;
  return (
    <AwardLayout title={t('award.panel.title')}>
      <Crumbs cycle={p.cycle} here={t('award.panel.title')} />
      <PageHeading title={t('award.panel.title')} caption={nameOf(lang, p.cycle)} />
      <ErrorSummary errors={p.errors} />

      <h2>{t('award.panel.judges')}</h2>
      {p.judges.length === 0 ? (
        <p>{t('award.panel.no_judges')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.panel.judges_caption')}</caption>
            <Head cols={[t('award.field.judge'), t('award.field.affiliation'), t('award.panel.load')]} />
            <tbody>
              {p.judges.map((j) => (
                <tr key={j.user_id}>
                  <th scope="row">{who(j.user_id)}</th>
                  <td>{agencyName(j.affiliation_agency_id)}</td>
                  <td>{num(p.loads.get(j.user_id) ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>{t('award.panel.spread', { spread })}</p>
      {p.canAdminister ? (
        <form method="post" action={href(`/console/award/${p.cycle.id}/judges`)} novalidate>
          <Csrf />
          <h3>{t('award.panel.add_judge')}</h3>
          <Select
            name="user_id"
            label={t('award.field.judge')}
            blank=""
            value={str(v('judge').user_id)}
            errors={e('judge')}
            options={p.candidates.map((u) => ({ value: String(u.id), label: `${u.name} <${u.email}>` }))}
          />
          <Select
            name="affiliation_agency_id"
            label={t('award.field.affiliation')}
            hint={t('award.field.affiliation_hint')}
            blank={t('award.field.no_affiliation')}
            value={str(v('judge').affiliation_agency_id)}
            errors={e('judge')}
            options={[...p.agencies.values()].map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
          <button type="submit" class="button secondary">
            {t('award.panel.add_judge')}
          </button>
        </form>
      ) : null}

      <h2>{t('award.conflict.title')}</h2>
      {p.conflicts.length === 0 ? (
        <p>{t('award.conflict.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.conflict.caption')}</caption>
            <Head cols={[t('award.field.judge'), t('award.conflict.with'), t('award.field.conflict_kind'), t('award.conflict.source')]} />
            <tbody>
              {p.conflicts.map((c, i) => {
                const n = c.nominationId ? p.nominations.find((x) => x.id === c.nominationId) : undefined;
                return (
                  <tr key={i}>
                    <th scope="row">{who(c.judgeId)}</th>
                    <td>{c.nominationId ? (n ? titleOf(lang, n) : `#${c.nominationId}`) : agencyName(c.agencyId)}</td>
                    <td>
                      {label(conflictKindLabel, c.kind)}
                      {c.note ? <p class="muted">{c.note}</p> : null}
                    </td>
                    <td>{label(conflictSourceLabel, c.source)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {p.judges.length > 0 ? (
        <form method="post" action={href(`/console/award/${p.cycle.id}/conflicts`)} novalidate>
          <Csrf />
          <h3>{t('award.conflict.add')}</h3>
          <Select
            name="judge_user_id"
            label={t('award.field.judge')}
            value={str(v('conflict').judge_user_id)}
            errors={e('conflict')}
            options={judgeOptions}
          />
          <Select
            name="agency_id"
            label={t('award.field.agency')}
            blank=""
            value={str(v('conflict').agency_id)}
            errors={e('conflict')}
            options={[...p.agencies.values()].map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
          <Select
            name="kind"
            label={t('award.field.conflict_kind')}
            value={str(v('conflict').kind)}
            errors={e('conflict')}
            options={conflictKinds.map((k) => ({ value: k, label: label(conflictKindLabel, k) }))}
          />
          <TextArea name="note" label={t('award.field.note')} value={str(v('conflict').note)} errors={e('conflict')} rows={2} />
          <button type="submit" class="button secondary">
            {t('award.conflict.add')}
          </button>
        </form>
      ) : null}

      <h2>{t('award.assign.title')}</h2>
      <p>{t('award.assign.lead', { k: p.cycle.judges_per_nomination })}</p>
      {!p.cycle.results_published_at && p.judges.length > 0 ? (
        <PostButton action={href(`/console/award/${p.cycle.id}/assign`)} label={t('award.assign.run')} />
      ) : null}
      {p.nominations.length === 0 ? (
        <p>{t('award.assign.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.assign.caption')}</caption>
            <Head cols={[t('award.field.title'), t('award.field.branch'), t('award.assign.judges')]} />
            <tbody>
              {p.nominations.map((n) => {
                const b = p.branches.find((x) => x.id === n.branch_id);
                const rs = p.reviews.filter((r) => r.nomination_id === n.id);
                return (
                  <tr key={n.id}>
                    <th scope="row">
                      <a href={href(`/console/award/nominations/${n.id}`)}>{titleOf(lang, n)}</a>
                    </th>
                    <td>{b ? nameOf(lang, b) : ''}</td>
                    <td>
                      {rs.length === 0 ? <span class="muted">{t('award.assign.unassigned')}</span> : null}
                      <ul>
                        {rs.map((r) => (
                          <li key={r.id}>
                            {who(r.judge_user_id)} {r.status === 'submitted' ? `(${t('award.review.submitted')})` : null}
                            {r.status !== 'submitted' && !p.cycle.results_published_at ? (
                              <PostButton
                                action={href(`/console/award/reviews/${r.id}/unassign`)}
                                label={t('award.assign.remove', { judge: who(r.judge_user_id) })}
                                tone="secondary"
                              />
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {p.nominations.length > 0 && p.judges.length > 0 && !p.cycle.results_published_at ? (
        <form method="post" action={href(`/console/award/${p.cycle.id}/assign/one`)} novalidate>
          <Csrf />
          <h3>{t('award.assign.one')}</h3>
          <Select
            name="nomination_id"
            label={t('award.field.title')}
            value={str(v('assign').nomination_id)}
            errors={e('assign')}
            options={p.nominations.map((n) => ({ value: String(n.id), label: titleOf(lang, n) }))}
          />
          <Select
            name="judge_user_id"
            label={t('award.field.judge')}
            value={str(v('assign').judge_user_id)}
            errors={e('assign')}
            options={judgeOptions}
          />
          <button type="submit" class="button secondary">
            {t('award.assign.one')}
          </button>
        </form>
      ) : null}
      <p class="muted">{t('award.panel.spread_note', { spread })}</p>
      <section aria-labelledby="panels-h">
        <h2 id="panels-h">{t('award.panel.branches')}</h2>
        <p>{t('award.panel.branches_lead')}</p>
        {p.branches.map((b) => {
          const panel = p.panels.get(b.id);
          return (
            <form key={b.id} method="post" action={href(`/console/award/branches/${b.id}/panel`)} novalidate>
              <Csrf />
              <fieldset id={`f-panel_${b.id}`}>
                <legend>{t('award.panel.branch_legend', { branch: nameOf(lang, b) })}</legend>
                {panel ? null : <p class="hint">{t('award.panel.branch_all')}</p>}
                {p.judges.map((j) => (
                  <div class="field" key={j.user_id}>
                    <input
                      type="checkbox"
                      id={`f-panel_${b.id}_${j.user_id}`}
                      name={`judge_${j.user_id}`}
                      value="on"
                      checked={panel?.has(j.user_id) ?? false}
                    />
                    <label for={`f-panel_${b.id}_${j.user_id}`}>{who(j.user_id)}</label>
                  </div>
                ))}
              </fieldset>
              <button type="submit" class="button secondary">
                {t('award.panel.branch_save')}
              </button>
            </form>
          );
        })}
      </section>
    </AwardLayout>
  );
}

export function JudgingPage(p: {
  cycle: CycleRow;
  items: { nomination: NominationRow; review: ReviewRow }[];
  branches: Map<number, BranchRow>;
  agencies: Agency[];
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const label = useLabel();
  return (
    <AwardLayout title={t('award.judging.title')}>
      <Crumbs cycle={p.cycle} here={t('award.judging.title')} />
      <PageHeading title={t('award.judging.title')} caption={nameOf(lang, p.cycle)} lead={t('award.judging.lead')} />
      <ErrorSummary errors={p.errors} />
      {p.items.length === 0 ? (
        <p>{t('award.judging.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.judging.caption')}</caption>
            <Head cols={[t('award.field.title'), t('award.field.branch'), t('award.field.status')]} />
            <tbody>
              {p.items.map(({ nomination: n, review }) => {
                const b = p.branches.get(n.branch_id);
                return (
                  <tr key={n.id}>
                    <th scope="row">
                      <a href={href(`/console/award/nominations/${n.id}`)}>{titleOf(lang, n)}</a>
                    </th>
                    <td>{b ? nameOf(lang, b) : ''}</td>
                    <td>{review.status === 'submitted' ? t('award.review.submitted') : t('award.review.pending')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="declare-h">
        <h2 id="declare-h">{t('award.conflict.declare')}</h2>
        <p>{t('award.conflict.declare_agency_lead')}</p>
        <form method="post" action={href(`/console/award/${p.cycle.id}/conflicts`)} novalidate>
          <Csrf />
          <Select
            name="agency_id"
            label={t('award.field.agency')}
            blank=""
            value={str(p.values?.agency_id)}
            errors={p.errors}
            options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
          />
          <Select
            name="kind"
            label={t('award.field.conflict_kind')}
            value={str(p.values?.kind)}
            errors={p.errors}
            options={conflictKinds.map((k) => ({ value: k, label: label(conflictKindLabel, k) }))}
          />
          <TextArea name="note" label={t('award.field.note')} value={str(p.values?.note)} errors={p.errors} rows={2} />
          <button type="submit" class="button secondary">
            {t('award.conflict.declare_submit')}
          </button>
        </form>
      </section>
    </AwardLayout>
  );
}
