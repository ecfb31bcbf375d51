import type { MessageKey } from '../../../messages.ts';
import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, DateTime, PostButton } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { roundStatusNoteLabel } from '../measure.labels.ts';
import type { AnswerStatus } from '../measure.tables.ts';
import type { Progress, RoundBundle } from '../rounds.service.ts';
import { questionsOf } from '../scoring/framework.schema.ts';
import { MeasureLayout, nameOf, ParticipantStatusTag, RoundDates, RoundNav, RoundStatusTag, roundState } from './common.tsx';

export interface RoundPageProps {
  bundle: RoundBundle;
  progress?: Map<number, Progress>;
  mine: RoundBundle['participants'];
  answered: Map<number, number>;
  can: { administer: boolean; oversee: boolean; results: boolean; submitFor: number[] };
  blocker: { key: MessageKey; count: number } | null;
  beforeClose: boolean;
}

function ProgramActions({ bundle, blocker, beforeClose }: Pick<RoundPageProps, 'bundle' | 'blocker' | 'beforeClose'>) {
  const { t, href } = usePage();
  const { round } = bundle;
  const base = `/console/measure/rounds/${round.id}`;
  return (
    <div class="actions">
      {round.status === 'draft' || round.status === 'open' ? (
        <a class="button secondary" href={href(`${base}/edit`)}>
          {t('measure.round.edit_button')}
        </a>
      ) : null}
      {round.status === 'draft' ? (
        <PostButton action={href(`${base}/open`)} label={t('measure.round.open')} confirm={t('measure.round.open_confirm')} />
      ) : null}
      {round.status === 'open' && beforeClose ? (
        <PostButton
          action={href(`${base}/close`)}
          label={t('measure.round.close_now')}
          tone="secondary"
          confirm={t('measure.round.close_confirm')}
        />
      ) : null}
      {round.status === 'open' && !blocker ? (
        <PostButton action={href(`${base}/finalise`)} label={t('measure.round.finalise')} confirm={t('measure.round.finalise_confirm')} />
      ) : null}
      {round.status === 'finalised' ? (
        <PostButton action={href(`${base}/publish`)} label={t('measure.round.publish')} confirm={t('measure.round.publish_confirm')} />
      ) : null}
    </div>
  );
}

function Downloads({ roundId }: { roundId: number }) {
  const { t, lang } = usePage();
  const base = `/measure/rounds/${roundId}`;
  return (
    <section class="panel" aria-labelledby="downloads-title">
      <h2 id="downloads-title">{t('measure.export.title')}</h2>
      <p>{t('measure.export.lead')}</p>
      <ul>
        <li>
          <a href={`${base}/framework.json`} download>
            {t('measure.export.framework')}
          </a>
        </li>
        <li>
          <a href={`${base}/answers.csv`} download>
            {t('measure.export.answers')}
          </a>
        </li>
        <li>
          <a href={`${base}/scores.csv`} download>
            {t('measure.export.scores')}
          </a>
        </li>
        <li>
          <a href={`${base}/scores.xlsx?lang=${lang}`} download>
            {t('measure.export.xlsx')}
          </a>
        </li>
      </ul>
      <p class="hint">
        {t('measure.export.command')} <code class="ltr">yusr measure score --framework framework.json --answers answers.csv</code>
      </p>
    </section>
  );
}

function ParticipantsTable({
  bundle,
  progress,
  total,
}: {
  bundle: RoundBundle;
  progress: NonNullable<RoundPageProps['progress']>;
  total: number;
}) {
  const { t, href, lang, num } = usePage();
  const n = (agencyId: number, ...statuses: AnswerStatus[]) => statuses.reduce((s, x) => s + (progress.get(agencyId)?.byStatus[x] ?? 0), 0);
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{t('measure.round.participants')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.agency')}</th>
            <th scope="col">{t('measure.participant.status')}</th>
            <th scope="col" class="num">
              {t('measure.participant.answered')}
            </th>
            <th scope="col" class="num">
              {t('measure.participant.pending')}
            </th>
            <th scope="col" class="num">
              {t('measure.participant.reviewed')}
            </th>
            <th scope="col" class="num">
              {t('measure.participant.returned')}
            </th>
            <th scope="col">{t('measure.participant.signed_off')}</th>
          </tr>
        </thead>
        <tbody>
          {bundle.participants.map((p) => (
            <tr key={p.id}>
              <th scope="row">
                <a href={href(`/console/measure/rounds/${bundle.round.id}/agencies/${p.agency_id}`)}>{pick(lang, p.agency, 'name')}</a>
              </th>
              <td>
                <ParticipantStatusTag status={p.status} />
              </td>
              <td class="num">
                {t('measure.participant.of', {
                  n: num(progress.get(p.agency_id)?.answered ?? 0),
                  total: num(total),
                })}
              </td>
              <td class="num">{num(n(p.agency_id, 'submitted', 'responded'))}</td>
              <td class="num">{num(n(p.agency_id, 'accepted', 'adjusted'))}</td>
              <td class="num">{num(n(p.agency_id, 'returned'))}</td>
              <td>{p.signed_off_at ? <DateTime value={p.signed_off_at} withTime /> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function MyParticipation({
  p,
  bundle,
  answered,
  total,
  canSubmit,
}: {
  p: RoundBundle['participants'][number];
  bundle: RoundBundle;
  answered: number;
  total: number;
  canSubmit: boolean;
}) {
  const { t, href, lang, num } = usePage();
  const base = `/console/measure/rounds/${bundle.round.id}/agencies/${p.agency_id}`;
  return (
    <section class="panel" aria-labelledby={`mine-${p.agency_id}`}>
      <h2 id={`mine-${p.agency_id}`}>{pick(lang, p.agency, 'name')}</h2>
      <p>
        <ParticipantStatusTag status={p.status} /> {t('measure.participant.of', { n: num(answered), total: num(total) })}
      </p>
      {p.status === 'returned' ? <p class="notice warn">{t('measure.participant.returned_note')}</p> : null}
      <div class="actions">
        <a class="button" href={href(base)}>
          {bundle.round.status === 'open' && p.status !== 'submitted' ? t('measure.participant.answer') : t('measure.participant.view')}
        </a>
        {canSubmit && bundle.round.status === 'open' && p.status !== 'submitted' ? (
          <a class="button secondary" href={href(`${base}/submit`)}>
            {t('measure.submit.title')}
          </a>
        ) : null}
      </div>
    </section>
  );
}

export function RoundPage(p: RoundPageProps) {
  const { t, lang, href } = usePage();
  const { round, framework, frameworkRow } = p.bundle;
  const total = questionsOf(framework).length;
  return (
    <MeasureLayout title={nameOf(lang, round)}>
      <Breadcrumbs items={[{ href: '/console/measure', label: t('measure.title') }, { label: nameOf(lang, round) }]} />
      <PageHeading title={nameOf(lang, round)} caption={round.code} />
      <RoundNav round={round} current={`/console/measure/rounds/${round.id}`} showResults={p.can.results} />
      <p>
        <RoundStatusTag round={round} /> {t(roundStatusNoteLabel[roundState(round)])}
      </p>
      <RoundDates round={round} />
      <p>
        {t('measure.round.framework')}:{' '}
        {p.can.oversee ? (
          <a href={href(`/console/measure/frameworks/${frameworkRow.id}`)}>{`${nameOf(lang, frameworkRow)} ${frameworkRow.version}`}</a>
        ) : (
          `${nameOf(lang, frameworkRow)} ${frameworkRow.version}`
        )}
      </p>
      {p.can.administer ? <ProgramActions bundle={p.bundle} blocker={p.blocker} beforeClose={p.beforeClose} /> : null}
      {p.can.administer && round.status === 'open' && p.blocker ? (
        <p class="notice warn">{t(p.blocker.key, { count: p.blocker.count })}</p>
      ) : null}
      {round.status === 'open' && (p.can.administer || p.mine.length > 0) ? (
        <p>
          <a href={href(`/console/measure/rounds/${round.id}/import`)}>{t('measure.import.link')}</a>
        </p>
      ) : null}
      {p.mine.map((m) => (
        <MyParticipation
          key={m.id}
          p={m}
          bundle={p.bundle}
          answered={p.answered.get(m.agency_id) ?? 0}
          total={total}
          canSubmit={p.can.submitFor.includes(m.agency_id)}
        />
      ))}
      {p.can.oversee && (round.status === 'finalised' || round.status === 'published') ? <Downloads roundId={round.id} /> : null}
      {p.can.oversee && p.progress ? <ParticipantsTable bundle={p.bundle} progress={p.progress} total={total} /> : null}
    </MeasureLayout>
  );
}
