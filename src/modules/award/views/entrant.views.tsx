import {
  AutosaveStatus,
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { AttachmentRow } from '../attachments.ts';
import type { BranchRow, CycleRow, EntrantRow, NominationRow } from '../award.repo.ts';
import { AttachmentsBlock } from './attachments.views.tsx';
import { AwardLayout, Head, Instant, nameOf, nomineeKindLabel, StatusTag, str, titleOf } from './common.tsx';
import { NominationFields } from './nominations.views.tsx';
import { type AnsweredQuestions, AnswerFields, AnswersBlock } from './questions.views.tsx';

// The public's pages for nominating as an individual: name and email, the code from the email, then
// (through the signed link) one's own nominations of the edition — start, save, submit, withdraw.
// Plain forms throughout: no script needed.

type Values = Record<string, unknown>;
const NAV = '/award';

function Crumbs({ cycle, here }: { cycle: CycleRow; here: string }) {
  const { t, lang } = usePage();
  return (
    <Breadcrumbs
      items={[
        { href: '/award', label: t('award.public.title') },
        { href: `/award/${cycle.number}`, label: nameOf(lang, cycle) },
        { label: here },
      ]}
    />
  );
}

function Deadline({ cycle }: { cycle: CycleRow }) {
  const { t } = usePage();
  return (
    <p>
      {t('award.field.nominations_close_at')}: <Instant value={cycle.nominations_close_at} />
    </p>
  );
}

function BranchList({ branches }: { branches: BranchRow[] }) {
  const { lang } = usePage();
  const label = useLabel();
  return (
    <ul>
      {branches.map((b) => (
        <li key={b.id}>
          <strong>{nameOf(lang, b)}</strong> ({label(nomineeKindLabel, b.nominee_kind)})
        </li>
      ))}
    </ul>
  );
}

/** Who may nominate as an individual, and the name and email a code goes to. */
export function EntrantStartPage(p: { cycle: CycleRow; branches: BranchRow[]; open: boolean; values?: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const v = p.values ?? {};
  return (
    <AwardLayout title={t('award.individual.title')} nav={NAV}>
      <Crumbs cycle={p.cycle} here={t('award.individual.title')} />
      <PageHeading title={t('award.individual.title')} caption={nameOf(lang, p.cycle)} lead={t('award.individual.lead')} />
      <ErrorSummary errors={p.errors} />
      <BranchList branches={p.branches} />
      <Deadline cycle={p.cycle} />
      {p.open ? (
        <form method="post" action={href(`/award/${p.cycle.number}/nominate`)} class="panel" novalidate>
          <Csrf />
          <Field name="name" label={t('award.individual.your_name')} value={str(v.name)} errors={p.errors} autocomplete="name" required />
          <Field
            name="email"
            type="email"
            label={t('award.individual.your_email')}
            hint={t('award.individual.email_hint')}
            value={str(v.email)}
            errors={p.errors}
            autocomplete="email"
            dir="ltr"
            required
          />
          <button type="submit" class="button">
            {t('award.individual.send_code')}
          </button>
        </form>
      ) : (
        <p class="panel">{t('award.individual.closed')}</p>
      )}
    </AwardLayout>
  );
}

/** The code from the email. */
export function EntrantCodePage(p: { cycle: CycleRow; pending: string; errors?: Errors }) {
  const { t, href, lang } = usePage();
  return (
    <AwardLayout title={t('award.individual.code_title')} nav={NAV}>
      <Crumbs cycle={p.cycle} here={t('award.individual.code_title')} />
      <PageHeading title={t('award.individual.code_title')} caption={nameOf(lang, p.cycle)} lead={t('award.individual.code_lead')} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/award/${p.cycle.number}/nominate/verify`)} class="panel" novalidate>
        <Csrf />
        <input type="hidden" name="pending" value={p.pending} />
        <Field
          name="code"
          label={t('award.individual.code')}
          errors={p.errors}
          inputMode="numeric"
          autocomplete="one-time-code"
          dir="ltr"
          required
        />
        <button type="submit" class="button">
          {t('award.individual.verify')}
        </button>
      </form>
      <p>
        <a href={href(`/award/${p.cycle.number}/nominate`)}>{t('award.individual.again')}</a>
      </p>
    </AwardLayout>
  );
}

/** An entrant's own nominations of the edition, and (while nominations are open) a new draft. */
export function EntrantPage(p: {
  entrant: EntrantRow;
  cycle: CycleRow;
  branches: BranchRow[];
  nominations: NominationRow[];
  open: boolean;
  token: string;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const branches = new Map(p.branches.map((b) => [b.id, b]));
  const link = (n: NominationRow) => href(`/award/entrant/nominations/${n.id}?token=${encodeURIComponent(p.token)}`);
  return (
    <AwardLayout title={t('award.individual.mine')} nav={NAV}>
      <Crumbs cycle={p.cycle} here={t('award.individual.mine')} />
      <PageHeading
        title={t('award.individual.mine')}
        caption={`${nameOf(lang, p.cycle)} · ${p.entrant.name}`}
        lead={t('award.individual.mine_lead')}
      />
      <ErrorSummary errors={p.errors} />
      <Deadline cycle={p.cycle} />
      {p.nominations.length === 0 ? (
        <p>{t('award.nomination.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.individual.mine_caption')}</caption>
            <Head cols={[t('award.field.title'), t('award.field.branch'), t('award.field.nominee_name'), t('award.field.status')]} />
            <tbody>
              {p.nominations.map((n) => {
                const b = branches.get(n.branch_id);
                return (
                  <tr key={n.id}>
                    <th scope="row">
                      <a href={link(n)}>{titleOf(lang, n)}</a>
                    </th>
                    <td>{b ? nameOf(lang, b) : ''}</td>
                    <td>{n.nominee_name ?? ''}</td>
                    <td>
                      <StatusTag status={n.status} screening={n.screening} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {p.open ? (
        <section aria-labelledby="new-h">
          <h2 id="new-h">{t('award.nomination.new')}</h2>
          <p>{t('award.individual.new_lead')}</p>
          <form method="post" action={href('/award/entrant/nominations')} class="panel" novalidate>
            <Csrf />
            <input type="hidden" name="token" value={p.token} />
            <NominationFields branches={p.branches} values={p.values ?? {}} errors={p.errors} individual />
            <button type="submit" class="button">
              {t('award.nomination.save_draft')}
            </button>
          </form>
        </section>
      ) : (
        <p class="panel">{t('award.individual.closed')}</p>
      )}
    </AwardLayout>
  );
}

/** One of the entrant's nominations: its screening, and while open its draft form, submission and withdrawal. */
export function EntrantNominationPage(p: {
  cycle: CycleRow;
  branches: BranchRow[];
  nomination: NominationRow;
  attachments: AttachmentRow[];
  /** The branch's questions as this nomination answers them, with its answers. */
  questions: AnsweredQuestions;
  open: boolean;
  token: string;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const n = p.nomination;
  const editable = p.open && n.status === 'draft';
  const withToken = (path: string) => `${path}?token=${encodeURIComponent(p.token)}`;
  const branch = p.branches.find((b) => b.id === n.branch_id);
  const base = `/award/entrant/nominations/${n.id}`;
  const values = p.values ?? {
    branch_id: n.branch_id,
    title_ar: n.title_ar,
    title_en: n.title_en,
    summary: n.summary,
    nominee_name: n.nominee_name,
  };
  return (
    <AwardLayout title={titleOf(lang, n)} nav={NAV}>
      <Breadcrumbs
        items={[
          { href: '/award', label: t('award.public.title') },
          { href: `/award/entrant?token=${encodeURIComponent(p.token)}`, label: t('award.individual.mine') },
          { label: titleOf(lang, n) },
        ]}
      />
      <PageHeading title={titleOf(lang, n)} caption={branch ? nameOf(lang, branch) : undefined} />
      <ErrorSummary errors={p.errors} />
      <p>
        <StatusTag status={n.status} screening={n.screening} />
      </p>
      {n.screening === 'ineligible' && n.screening_reason ? (
        <div class="notice" role="note">
          <strong>{t('award.screening.reason')}</strong>: {n.screening_reason}
        </div>
      ) : null}
      <dl class="facts">
        <dt>{t('award.field.nominee_name')}</dt>
        <dd>{n.nominee_name}</dd>
        <dt>{t('award.field.summary')}</dt>
        <dd class="prose">{n.summary}</dd>
        {n.submitted_at ? (
          <>
            <dt>{t('award.field.submitted_at')}</dt>
            <dd>
              <Instant value={n.submitted_at} />
            </dd>
          </>
        ) : null}
      </dl>
      <AnswersBlock questions={p.questions} blind={false} />
      <Deadline cycle={p.cycle} />
      <AttachmentsBlock
        attachments={p.attachments}
        link={(a) => withToken(`/award/entrant/attachments/${a.id}`)}
        upload={editable ? `${base}/attachments` : undefined}
        remove={editable ? (a) => `/award/entrant/attachments/${a.id}/remove` : undefined}
        hidden={{ token: p.token }}
        frozen={n.status === 'submitted'}
        errors={p.errors}
      />
      {editable ? (
        <section aria-labelledby="edit-h">
          <h2 id="edit-h">{t('award.nomination.edit')}</h2>
          <form method="post" action={href(base)} class="panel" novalidate data-autosave="true">
            <Csrf />
            <input type="hidden" name="token" value={p.token} />
            <NominationFields branches={p.branches} values={values} errors={p.errors} individual />
            <AnswerFields questions={p.questions} values={p.values ?? {}} errors={p.errors} />
            <AutosaveStatus saved={t('award.nomination.autosaved')} failed={t('award.nomination.autosave_failed')} />
            <button type="submit" class="button secondary">
              {t('award.nomination.save_draft')}
            </button>
          </form>
          <PostButton action={href(`${base}/submit`)} label={t('award.nomination.submit')} fields={{ token: p.token }} />
        </section>
      ) : null}
      {p.open && n.status !== 'withdrawn' ? (
        <PostButton
          action={href(`${base}/withdraw`)}
          label={t('award.nomination.withdraw')}
          confirm={t('award.nomination.withdraw_confirm')}
          tone="danger"
          fields={{ token: p.token }}
        />
      ) : null}
    </AwardLayout>
  );
}
