import type { ComponentChildren } from 'preact';
import type { MessageKey } from '../../messages.ts';
import type { FieldError } from '../http/errors.ts';
import { translate } from '../i18n/i18n.ts';
import { usePage } from './context.ts';

export type Errors = FieldError[];

const fieldId = (name: string) => `f-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`;

function errorFor(errors: Errors | undefined, name: string): FieldError | undefined {
  return errors?.find((e) => e.field === name);
}

function ErrorText({ error }: { error?: FieldError }) {
  const { lang, t } = usePage();
  if (!error) return null;
  return (
    <span class="field-error" id={`${fieldId(error.field)}-error`}>
      <span class="visually-hidden">{t('form.error_prefix')} </span>
      {translate(lang, error.key, error.params)}
    </span>
  );
}

/** The hidden field every form carries. */
export function Csrf() {
  return <input type="hidden" name="_csrf" value={usePage().csrf} />;
}

/**
 * GOV.UK-style summary at the top of a form: each problem links to its field, named by its label
 * when the form passes `labels` (so two "This field is required" lines say which fields).
 */
export function ErrorSummary({ errors, labels }: { errors?: Errors; labels?: Record<string, string> }) {
  const { lang, t } = usePage();
  if (!errors || errors.length === 0) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t('form.error_summary')}</h2>
      <ul>
        {errors.map((e) => (
          <li key={e.field + e.key}>
            {e.field === '_' ? (
              translate(lang, e.key, e.params)
            ) : (
              <a href={`#${fieldId(e.field)}`}>
                {labels?.[e.field] ? `${labels[e.field]}: ` : ''}
                {translate(lang, e.key, e.params)}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  hint?: string;
  errors?: Errors;
  value?: string | number | null;
  type?: 'text' | 'email' | 'password' | 'url' | 'tel' | 'number' | 'search' | 'date' | 'datetime-local' | 'file';
  required?: boolean;
  autocomplete?: string;
  dir?: 'ltr' | 'rtl' | 'auto';
  lang?: string;
  inputMode?: 'text' | 'numeric' | 'decimal' | 'email' | 'tel' | 'url' | 'search';
  accept?: string;
  /** A file input that takes several files. */
  multiple?: boolean;
  min?: number | string;
  max?: number | string;
  step?: number | string;
}

function describedBy(name: string, hint?: string, error?: FieldError) {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

/** A labelled input with its hint and error, wired for screen readers. */
export function Field(p: FieldProps) {
  const error = errorFor(p.errors, p.name);
  const id = fieldId(p.name);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <ErrorText error={error} />
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.type === 'password' || p.type === 'file' ? undefined : (p.value ?? undefined)}
        required={p.required}
        autoComplete={p.autocomplete}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-invalid={error ? 'true' : undefined}
        dir={p.dir}
        lang={p.lang}
        inputMode={p.inputMode}
        accept={p.accept}
        multiple={p.multiple}
        min={p.min}
        max={p.max}
        step={p.step}
      />
    </div>
  );
}

export function TextArea(p: Omit<FieldProps, 'type'> & { rows?: number }) {
  const error = errorFor(p.errors, p.name);
  const id = fieldId(p.name);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <ErrorText error={error} />
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        required={p.required}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-invalid={error ? 'true' : undefined}
        dir={p.dir}
        lang={p.lang}
      >
        {p.value ?? ''}
      </textarea>
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function Select(p: Omit<FieldProps, 'type'> & { options: Option[]; blank?: string }) {
  const error = errorFor(p.errors, p.name);
  const id = fieldId(p.name);
  return (
    <div class={`field${error ? ' has-error' : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <ErrorText error={error} />
      <select
        id={id}
        name={p.name}
        required={p.required}
        aria-describedby={describedBy(p.name, p.hint, error)}
        aria-invalid={error ? 'true' : undefined}
      >
        {p.blank !== undefined ? <option value="">{p.blank}</option> : null}
        {p.options.map((o) => (
          <option key={o.value} value={o.value} selected={String(p.value ?? '') === o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes (or radios) in a fieldset with a legend. */
export function Choices(p: {
  name: string;
  legend: string;
  hint?: string;
  options: Option[];
  values?: string[];
  errors?: Errors;
  type?: 'checkbox' | 'radio';
}) {
  const error = errorFor(p.errors, p.name);
  const id = fieldId(p.name);
  return (
    <fieldset class={`field${error ? ' has-error' : ''}`} id={id} aria-describedby={describedBy(p.name, p.hint, error)}>
      <legend>{p.legend}</legend>
      {p.hint ? (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      ) : null}
      <ErrorText error={error} />
      {p.options.map((o, i) => (
        <div class="choice" key={o.value}>
          <input type={p.type ?? 'checkbox'} id={`${id}-${i}`} name={p.name} value={o.value} checked={p.values?.includes(o.value)} />
          <label for={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

/** A date in Hijri (Umm al-Qura) and Gregorian, side by side, with a machine-readable datetime. */
export function DateTime({ value, withTime = false }: { value: string | null | undefined; withTime?: boolean }) {
  const p = usePage();
  if (!value) return <span class="muted">—</span>;
  const d = p.date(value, withTime);
  return (
    <time dateTime={d.iso}>
      {p.lang === 'ar' ? (
        <>
          {d.hijri} <span class="other-calendar">({d.gregorianAr})</span>
        </>
      ) : (
        <>
          {d.gregorian} <span class="other-calendar">({d.hijri})</span>
        </>
      )}
    </time>
  );
}

/** A calendar day (YYYY-MM-DD) in both calendars, the page's own first, or a dash. */
export function Day({ value }: { value: string | null | undefined }) {
  const { date, lang } = usePage();
  if (!value) return <span class="muted">—</span>;
  const d = date(`${value}T12:00:00Z`);
  return (
    <time dateTime={value}>
      {lang === 'ar' ? d.hijri : d.gregorian} <span class="other-calendar">({lang === 'ar' ? d.gregorianAr : d.hijri})</span>
    </time>
  );
}

export function Tag({ children, tone }: { children: ComponentChildren; tone?: 'grey' | 'red' | 'amber' }) {
  return <span class={`tag${tone ? ` ${tone}` : ''}`}>{children}</span>;
}

/** Previous / next links that keep the other query parameters. */
export function Pagination({ page, hasNext, query }: { page: number; hasNext: boolean; query: Record<string, unknown> }) {
  const p = usePage();
  const base = p.path.split('?')[0];
  const link = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (k === 'page') continue;
      for (const x of Array.isArray(v) ? v : [v]) if (x !== undefined && x !== '') q.append(k, String(x));
    }
    q.set('page', String(n));
    return `${p.href(base)}?${q}`;
  };
  if (page <= 1 && !hasNext) return null;
  return (
    <nav class="pagination" aria-label={p.t('pagination.label')}>
      {page > 1 ? <a href={link(page - 1)}>{p.t('pagination.previous')}</a> : <span />}
      <span>{p.t('pagination.page', { page })}</span>
      {hasNext ? <a href={link(page + 1)}>{p.t('pagination.next')}</a> : <span />}
    </nav>
  );
}

export function Breadcrumbs({ items }: { items: { href?: string; label: string }[] }) {
  const p = usePage();
  return (
    <nav class="breadcrumbs" aria-label={p.t('breadcrumbs.label')}>
      <ol>
        {items.map((i) => (
          <li key={i.label}>{i.href ? <a href={p.href(i.href)}>{i.label}</a> : <span aria-current="page">{i.label}</span>}</li>
        ))}
      </ol>
    </nav>
  );
}

/** A POST button in its own small form (with CSRF), optionally asking for confirmation. */
export function PostButton(p: {
  action: string;
  label: string;
  confirm?: string;
  tone?: 'secondary' | 'danger';
  fields?: Record<string, string>;
}) {
  return (
    <form method="post" action={p.action} data-confirm={p.confirm}>
      <Csrf />
      {Object.entries(p.fields ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} key={k} />
      ))}
      <button type="submit" class={`button${p.tone ? ` ${p.tone}` : ''}`}>
        {p.label}
      </button>
    </form>
  );
}

/**
 * The live line where the autosave island (yusr.js) says what happened, in a form marked
 * `data-autosave`; each module words its own messages (they name its Save button).
 */
export function AutosaveStatus(p: { saved: string; failed: string; conflict?: string }) {
  return (
    <p
      class="autosave-status"
      role="status"
      aria-live="polite"
      data-saved={p.saved}
      data-conflict={p.conflict ?? p.failed}
      data-failed={p.failed}
    />
  );
}

/** The label of a value from a closed set, through the set's explicit key map: label(roleLabel, 'agency_admin'). */
export function useLabel() {
  const { t } = usePage();
  return <V extends string>(keys: Record<V, MessageKey>, value: V) => t(keys[value]);
}

/** The filter bar above a list: a GET form (works without JavaScript) with its apply button. */
export function FilterForm({ action, children }: { action: string; children: ComponentChildren }) {
  const { t, href } = usePage();
  return (
    <form method="get" action={href(action)} class="filters panel" role="search" aria-label={t('filters.label')}>
      {children}
      <button type="submit" class="button secondary">
        {t('filters.apply')}
      </button>
    </form>
  );
}

/** A list as a table: caption for screen readers, header cells, rows, and a line when it is empty. */
export function DataTable({
  caption,
  headers,
  children,
  empty,
}: {
  caption: string;
  headers: (string | { hidden: string })[];
  children: ComponentChildren;
  empty: boolean;
}) {
  const { t } = usePage();
  return (
    <>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption class="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th scope="col" key={i}>
                  {typeof h === 'string' ? h : <span class="visually-hidden">{h.hidden}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{children}</tbody>
        </table>
      </div>
      {empty ? <p>{t('list.empty')}</p> : null}
    </>
  );
}

/** A headline figure on a dashboard: a title, the figure, a line of detail and where to act on it. */
export function StatCard(p: { title: string; value: string; detail?: string; href?: string; link?: string }) {
  const { href } = usePage();
  return (
    <li class="card">
      <h2>{p.title}</h2>
      <span class="stat">{p.value}</span>
      {p.detail ? <p class="muted">{p.detail}</p> : null}
      {p.href && p.link ? <a href={href(p.href)}>{p.link}</a> : null}
    </li>
  );
}

/** What an import's upload takes: a CSV or an XLSX sheet. */
const SHEET_TYPES = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The upload step of a spreadsheet import: the file field (its hint states the limits) and the
 * button that asks for the dry run. The module's page says what the file holds around it.
 */
export function SheetUploadForm(p: { action: string; label: string; hint: string; submit: string; errors?: Errors }) {
  return (
    <form method="post" action={p.action} enctype="multipart/form-data" novalidate>
      <Csrf />
      <Field name="file" type="file" label={p.label} hint={p.hint} accept={SHEET_TYPES} errors={p.errors} required />
      <button type="submit" class="button">
        {p.submit}
      </button>
    </form>
  );
}

/**
 * A file's dry run, shared by the imports that write only once it is clean: the commit button when no
 * row is refused (else a line saying to fix the file first), then one row per line of the file — its
 * number, the cells that name what it changes, what it would do, and its problems by column.
 */
export function DryRun<R extends { row: number; problems: readonly FieldError[] }>(p: {
  commit: { action: string; label: string; fixFirst: string; hidden?: Record<string, string> };
  refused: number;
  caption: string;
  headers: { row: string; cells: string[]; outcome: string; problems: string };
  rows: readonly R[];
  cells: (r: R) => (string | number)[];
  outcome: (r: R) => string;
}) {
  const { lang, num } = usePage();
  return (
    <>
      {p.refused === 0 ? (
        <form method="post" action={p.commit.action}>
          <Csrf />
          {Object.entries(p.commit.hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <button type="submit" class="button">
            {p.commit.label}
          </button>
        </form>
      ) : (
        <p>
          <strong>{p.commit.fixFirst}</strong>
        </p>
      )}
      <DataTable
        caption={p.caption}
        headers={[p.headers.row, ...p.headers.cells, p.headers.outcome, p.headers.problems]}
        empty={p.rows.length === 0}
      >
        {p.rows.map((r) => (
          <tr key={r.row}>
            <td class="num">{num(r.row)}</td>
            {p.cells(r).map((c, i) => (
              <td key={i} dir="ltr">
                {c}
              </td>
            ))}
            <td>{p.outcome(r)}</td>
            <td>
              {r.problems.length ? (
                <ul>
                  {r.problems.map((x, i) => (
                    <li key={i}>
                      <span dir="ltr">{x.field}</span>: {translate(lang, x.key, x.params)}
                    </li>
                  ))}
                </ul>
              ) : (
                '—'
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}
