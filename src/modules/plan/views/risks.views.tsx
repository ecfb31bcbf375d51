import type { MessageKey } from '../../../messages.ts';
import {
  Breadcrumbs,
  Csrf,
  ErrorSummary,
  type Errors,
  Field,
  Select,
  Tag,
  TextArea,
  useLabel,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { InitiativeRow, PlanRow } from '../plan.repo.ts';
import { type RiskKind, type RiskStatus, riskKinds, riskStatuses } from '../plan.tables.ts';
import { type RiskLevel, type RiskRow, riskLevel, riskRose, riskScore } from '../risks.service.ts';
import { Day, Head, nameOf, PlanLayout } from './common.tsx';

// The risks and issues register: an initiative's (with the form to add an entry), one entry's edit page,
// and a plan's whole register. The level is always written beside its score, never colour alone.

type Values = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const riskKindLabel = { risk: 'plan.risk.kind.risk', issue: 'plan.risk.kind.issue' } as const satisfies Record<RiskKind, MessageKey>;
export const riskStatusLabel = {
  open: 'plan.risk.status.open',
  mitigating: 'plan.risk.status.mitigating',
  escalated: 'plan.risk.status.escalated',
  closed: 'plan.risk.status.closed',
} as const satisfies Record<RiskStatus, MessageKey>;
const riskLevelLabel = {
  high: 'plan.risk.level.high',
  medium: 'plan.risk.level.medium',
  low: 'plan.risk.level.low',
} as const satisfies Record<RiskLevel, MessageKey>;
const levelTone: Record<RiskLevel, 'red' | 'amber' | 'grey'> = { high: 'red', medium: 'amber', low: 'grey' };

/** An entry's score and level, and whether it rose at its last change. */
export function RiskScore({ risk }: { risk: RiskRow }) {
  const { t, num } = usePage();
  const score = riskScore(risk);
  const level = riskLevel(score);
  return (
    <>
      <Tag tone={levelTone[level]}>{t('plan.risk.score', { score: num(score), level: t(riskLevelLabel[level]) })}</Tag>
      {riskRose(risk) ? <span> {t('plan.risk.rose', { from: num(risk.previous_score ?? 0) })}</span> : null}
    </>
  );
}

/** A register as a table; with `initiatives`, each entry names its initiative. */
export function RiskTable(p: {
  caption: string;
  entries: { risk: RiskRow; initiative?: InitiativeRow }[];
  canEdit: (r: RiskRow) => boolean;
}) {
  const { t, href, lang, num } = usePage();
  const label = useLabel();
  const withInitiative = p.entries.some((e) => e.initiative);
  return (
    <div class="table-wrap" tabIndex={0}>
      <table>
        <caption>{p.caption}</caption>
        <Head
          cols={[
            t('plan.risk.field.title'),
            ...(withInitiative ? [t('plan.field.initiative')] : []),
            t('plan.risk.field.kind'),
            t('plan.risk.field.likelihood'),
            t('plan.risk.field.impact'),
            t('plan.risk.field.score'),
            t('plan.risk.field.owner'),
            t('plan.risk.field.mitigation'),
            t('plan.risk.field.status'),
            t('plan.risk.field.review_on'),
          ]}
        />
        <tbody>
          {p.entries.map(({ risk: r, initiative }) => (
            <tr key={r.id}>
              <th scope="row">
                {r.title}
                {p.canEdit(r) ? (
                  <>
                    {' '}
                    <a href={href(`/console/plans/risks/${r.id}/edit`)}>
                      {t('plan.edit')}
                      <span class="visually-hidden"> {r.title}</span>
                    </a>
                  </>
                ) : null}
              </th>
              {withInitiative ? (
                <td>
                  {initiative ? (
                    <a href={href(`/console/plans/initiatives/${initiative.id}/risks`)}>
                      <span class="ltr">{initiative.code}</span> {nameOf(lang, initiative)}
                    </a>
                  ) : null}
                </td>
              ) : null}
              <td>{label(riskKindLabel, r.kind)}</td>
              <td class="num">{num(r.likelihood)}</td>
              <td class="num">{num(r.impact)}</td>
              <td>
                <RiskScore risk={r} />
              </td>
              <td>{r.owner}</td>
              <td>{r.mitigation}</td>
              <td>
                {r.status === 'escalated' ? <Tag tone="red">{label(riskStatusLabel, r.status)}</Tag> : label(riskStatusLabel, r.status)}
              </td>
              <td>
                <Day value={r.review_on} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The fields of an entry, shared by the add and edit forms. */
function RiskFields({ values, errors }: { values: Values; errors?: Errors }) {
  const { t, num } = usePage();
  const label = useLabel();
  const scale = [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: num(n) }));
  return (
    <>
      <Select
        name="kind"
        label={t('plan.risk.field.kind')}
        value={str(values.kind ?? 'risk')}
        errors={errors}
        options={riskKinds.map((k) => ({ value: k, label: label(riskKindLabel, k) }))}
      />
      <Field name="title" label={t('plan.risk.field.title')} value={str(values.title)} errors={errors} />
      <Select
        name="likelihood"
        label={t('plan.risk.field.likelihood')}
        hint={t('plan.risk.scale_hint')}
        blank=""
        value={str(values.likelihood)}
        errors={errors}
        options={scale}
      />
      <Select
        name="impact"
        label={t('plan.risk.field.impact')}
        hint={t('plan.risk.scale_hint')}
        blank=""
        value={str(values.impact)}
        errors={errors}
        options={scale}
      />
      <Field name="owner" label={t('plan.risk.field.owner')} hint={t('plan.risk.owner_hint')} value={str(values.owner)} errors={errors} />
      <TextArea name="mitigation" label={t('plan.risk.field.mitigation')} value={str(values.mitigation)} errors={errors} rows={3} />
      <Select
        name="status"
        label={t('plan.risk.field.status')}
        hint={t('plan.risk.status_hint')}
        value={str(values.status ?? 'open')}
        errors={errors}
        options={riskStatuses.map((s) => ({ value: s, label: label(riskStatusLabel, s) }))}
      />
      <Field name="review_on" type="date" label={t('plan.risk.field.review_on')} value={str(values.review_on)} errors={errors} />
    </>
  );
}

export function InitiativeRisksPage(p: {
  plan: PlanRow;
  initiative: InitiativeRow;
  risks: RiskRow[];
  canKeep: boolean;
  values?: Values;
  errors?: Errors;
}) {
  const { t, href, lang } = usePage();
  const title = t('plan.risk.title');
  const open = p.plan.status !== 'closed';
  return (
    <PlanLayout title={`${title} — ${p.initiative.code}`}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          { href: `/console/plans/initiatives/${p.initiative.id}`, label: p.initiative.code },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={`${p.initiative.code} · ${nameOf(lang, p.initiative)}`} lead={t('plan.risk.lead')} />
      <ErrorSummary errors={p.errors} />
      {p.risks.length === 0 ? (
        <p>{t('plan.risk.none')}</p>
      ) : (
        <RiskTable caption={title} entries={p.risks.map((risk) => ({ risk }))} canEdit={() => p.canKeep && open} />
      )}
      {p.canKeep && open ? (
        <form method="post" action={href(`/console/plans/initiatives/${p.initiative.id}/risks`)} class="panel" novalidate>
          <h2>{t('plan.risk.add')}</h2>
          <Csrf />
          <RiskFields values={p.values ?? {}} errors={p.errors} />
          <button type="submit" class="button">
            {t('plan.add')}
          </button>
        </form>
      ) : null}
    </PlanLayout>
  );
}

export function RiskEditPage(p: { plan: PlanRow; initiative: InitiativeRow; risk: RiskRow; values: Values; errors?: Errors }) {
  const { t, href, lang } = usePage();
  const title = t('plan.risk.edit');
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          { href: `/console/plans/initiatives/${p.initiative.id}`, label: p.initiative.code },
          { href: `/console/plans/initiatives/${p.initiative.id}/risks`, label: t('plan.risk.title') },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={p.risk.title} />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href(`/console/plans/risks/${p.risk.id}/edit`)} novalidate>
        <Csrf />
        <RiskFields values={p.values} errors={p.errors} />
        <button type="submit" class="button">
          {t('plan.save')}
        </button>
      </form>
    </PlanLayout>
  );
}

export function PlanRisksPage(p: {
  plan: PlanRow;
  entries: { risk: RiskRow; initiative: InitiativeRow }[];
  canEdit: (r: RiskRow) => boolean;
}) {
  const { t, lang } = usePage();
  const title = t('plan.risk.plan_title');
  const open = p.entries.filter((e) => e.risk.status !== 'closed');
  const closed = p.entries.filter((e) => e.risk.status === 'closed');
  return (
    <PlanLayout title={title}>
      <Breadcrumbs
        items={[
          { href: '/console/plans', label: t('plan.title') },
          { href: `/console/plans/${p.plan.id}`, label: nameOf(lang, p.plan) },
          { label: title },
        ]}
      />
      <PageHeading title={title} caption={nameOf(lang, p.plan)} lead={t('plan.risk.plan_lead')} />
      {open.length === 0 ? (
        <p>{t('plan.risk.none_open')}</p>
      ) : (
        <RiskTable caption={t('plan.risk.open_caption')} entries={open} canEdit={p.canEdit} />
      )}
      {closed.length > 0 ? <RiskTable caption={t('plan.risk.closed_caption')} entries={closed} canEdit={p.canEdit} /> : null}
    </PlanLayout>
  );
}
