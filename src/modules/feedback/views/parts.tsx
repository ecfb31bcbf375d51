import { hasRole } from '../../../platform/auth/actor.ts';
import { keyFor } from '../../../platform/i18n/i18n.ts';
import { Choices, type Errors, Field, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { ATTACHMENT_MAX_BYTES, MAX_ATTACHMENTS } from '../attachments.ts';
import { caseStatusLabel, driverLabel, scaleLabel, slaStatusLabel } from '../feedback.labels.ts';
import type { CaseStatus } from '../feedback.tables.ts';
import type { SlaState } from '../sla/clock.ts';

/** The file input of a submission or reply: several files, judged again on the server by their bytes. */
export function AttachmentField(p: { errors?: Errors; staff?: boolean }) {
  const { t, num } = usePage();
  const hint = p.staff ? 'feedback.field.staff_attachment_hint' : 'feedback.field.attachment_hint';
  return (
    <Field
      name="attachment"
      type="file"
      multiple
      label={t('feedback.field.attachment')}
      hint={t(hint, { max: num(MAX_ATTACHMENTS), mb: num(ATTACHMENT_MAX_BYTES / 1024 / 1024) })}
      accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,application/pdf,image/png,image/jpeg,image/webp"
      errors={p.errors}
    />
  );
}

/** The honeypot: hidden from people (and screen readers) by `hidden`; robots that fill every input fill it too. */
export function Honeypot() {
  const { t } = usePage();
  return (
    <div hidden>
      <label for="f-_hp">{t('feedback.hp')}</label>
      <input id="f-_hp" name="_hp" type="text" tabIndex={-1} autoComplete="off" />
    </div>
  );
}

/**
 * One 5-point agree/disagree question as a group of radios. An optional question also offers "no
 * answer", chosen at first, so a radio clicked by mistake can be taken back without script.
 */
export function ScaleQuestion(p: { name: string; legend: string; hint?: string; value?: string; errors?: Errors; optional?: boolean }) {
  const { t } = usePage();
  const scale = ([5, 4, 3, 2, 1] as const).map((n) => ({ value: String(n), label: t(scaleLabel[n]) }));
  return (
    <Choices
      type="radio"
      name={p.name}
      legend={p.legend}
      hint={p.hint}
      errors={p.errors}
      values={[p.value ?? '']}
      options={p.optional ? [...scale, { value: '', label: t('feedback.scale.none') }] : scale}
    />
  );
}

const statusTone: Record<CaseStatus, 'grey' | 'amber' | undefined> = {
  new: 'amber',
  open: undefined,
  waiting: 'grey',
  resolved: 'grey',
  merged: 'grey',
};

export function StatusTag({ status }: { status: CaseStatus }) {
  const { t } = usePage();
  return <Tag tone={statusTone[status]}>{t(caseStatusLabel[status])}</Tag>;
}

const slaTone: Record<SlaState, 'grey' | 'amber' | 'red' | undefined> = {
  running: undefined,
  paused: 'grey',
  warning: 'amber',
  breached: 'red',
  met: undefined,
};

export function SlaTag({ state }: { state: SlaState }) {
  const { t } = usePage();
  return <Tag tone={slaTone[state]}>{t(slaStatusLabel[state])}</Tag>;
}

/** A driver's label, or its code for a driver added after these labels were written. */
export function useDriverLabel() {
  const { t } = usePage();
  return (driver: string) => {
    const key = keyFor(driverLabel, driver);
    return key ? t(key) : driver;
  };
}

/** Percent of a 0..1 fraction, in the page's digits. */
export function usePercent() {
  const { num } = usePage();
  return (v: number | null) => (v === null ? '—' : num(v, { style: 'percent', maximumFractionDigits: 1 }));
}

const sections = [
  { href: '/console/feedback', label: 'feedback.nav.cases', roles: ['program_admin', 'agency_admin', 'agency_editor'] },
  { href: '/console/feedback/ratings', label: 'feedback.nav.ratings', roles: ['program_admin', 'agency_admin', 'agency_editor'] },
  {
    href: '/console/feedback/metrics',
    label: 'feedback.nav.metrics',
    roles: ['program_admin', 'program_reviewer', 'leadership_viewer', 'agency_admin', 'agency_editor'],
  },
  { href: '/console/feedback/templates', label: 'feedback.nav.templates', roles: ['program_admin', 'agency_admin', 'agency_editor'] },
  { href: '/console/feedback/sla', label: 'feedback.nav.sla', roles: ['program_admin', 'agency_admin'] },
  { href: '/console/feedback/settings', label: 'feedback.nav.settings', roles: ['program_admin', 'agency_admin'] },
  { href: '/console/feedback/reroutes', label: 'feedback.nav.reroutes', roles: ['program_admin'] },
  { href: '/console/feedback/calendar', label: 'feedback.nav.calendar', roles: ['program_admin'] },
  { href: '/console/feedback/questions', label: 'feedback.nav.questions', roles: ['program_admin'] },
] as const;

/** The feedback console's own sections, as far as the person may use them. */
export function FeedbackNav({ current }: { current: string }) {
  const { t, href, actor } = usePage();
  const items = sections.filter((s) => hasRole(actor, ...s.roles));
  if (items.length < 2) return null;
  return (
    <nav aria-label={t('feedback.nav.label')} class="panel">
      <ul class="browse">
        {items.map((s) => (
          <li key={s.href}>
            <a href={href(s.href)} aria-current={s.href === current ? 'page' : undefined}>
              {t(s.label)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * Text typed by a person, its line breaks kept as paragraphs and its markup shown as text, never
 * run. dir="auto" lets an English comment read left to right on an Arabic page, and the reverse.
 */
export function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n|\r?\n/)
        .filter((line) => line.trim())
        .map((line, i) => (
          <p key={i} dir="auto">
            {line}
          </p>
        ))}
    </>
  );
}
