import { pick } from '../../../platform/i18n/i18n.ts';
import { Choices, Csrf, ErrorSummary, type Errors, Field, PostButton } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { calendarView } from '../calendar.service.ts';
import { calendarKindLabel, weekdayLabel } from '../feedback.labels.ts';
import { weekdays } from '../sla/calendar.ts';
import { FeedbackNav } from './parts.tsx';

type View = Awaited<ReturnType<typeof calendarView>>;
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

/** The national working calendar: the working week, its time zone, and public holidays (Hijri or Gregorian). */
export function CalendarPage(p: { view: View; values?: Record<string, unknown>; errors?: Errors }) {
  const { t, lang, href, date } = usePage();
  const cal = p.view.calendar;
  const v = p.values ?? {};
  const day = (iso: string) => date(`${iso}T12:00:00.000Z`).gregorian;
  return (
    <Layout title={t('feedback.calendar.title')} nav="/console/feedback">
      <PageHeading title={t('feedback.calendar.title')} lead={t('feedback.calendar.lead')} />
      <FeedbackNav current="/console/feedback/calendar" />
      <ErrorSummary errors={p.errors} />
      <form method="post" action={href('/console/feedback/calendar/week')} class="stack panel">
        <h2>{t('feedback.calendar.week')}</h2>
        <Csrf />
        <Field
          name="time_zone"
          label={t('feedback.field.time_zone')}
          value={str(v.time_zone) ?? cal.timeZone}
          dir="ltr"
          required
          errors={p.errors}
        />
        <p class="hint">{t('feedback.calendar.hours_hint')}</p>
        {weekdays.map((d) => (
          <Field key={d} name={d} label={t(weekdayLabel[d])} value={str(v[d]) ?? cal.hours[d]?.[0] ?? ''} dir="ltr" errors={p.errors} />
        ))}
        <button type="submit" class="button">
          {t('feedback.calendar.save_week')}
        </button>
      </form>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <caption>{t('feedback.calendar.holidays')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('feedback.field.holiday_calendar')}</th>
              <th scope="col">{t('feedback.calendar.dates')}</th>
              <th scope="col">{t('feedback.calendar.falls_on')}</th>
              <th scope="col">{t('list.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.view.holidays.map((h) => (
              <tr key={h.id}>
                <td>{pick(lang, h, 'name')}</td>
                <td>{t(calendarKindLabel[h.calendar])}</td>
                <td class="ltr">{h.dates}</td>
                <td>
                  <ul>
                    {h.dates_in.map((r) => (
                      <li key={r.from}>
                        {r.from === r.to ? day(r.from) : t('feedback.calendar.range', { from: day(r.from), to: day(r.to) })}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>
                  <PostButton
                    action={href(`/console/feedback/calendar/holidays/${h.id}/delete`)}
                    label={t('feedback.action.delete')}
                    tone="danger"
                    confirm={t('feedback.confirm.delete')}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <form method="post" action={href('/console/feedback/calendar/holidays')} class="stack panel">
        <h2>{t('feedback.calendar.add_holiday')}</h2>
        <Csrf />
        <Field name="name_ar" label={t('feedback.field.name_ar')} value={str(v.name_ar)} dir="rtl" lang="ar" required errors={p.errors} />
        <Field name="name_en" label={t('feedback.field.name_en')} value={str(v.name_en)} dir="ltr" lang="en" required errors={p.errors} />
        <Choices
          type="radio"
          name="calendar"
          legend={t('feedback.field.holiday_calendar')}
          values={[str(v.calendar) ?? 'hijri']}
          errors={p.errors}
          options={Object.entries(calendarKindLabel).map(([value, key]) => ({ value, label: t(key) }))}
        />
        <Field
          name="from"
          label={t('feedback.field.holiday_from')}
          hint={t('feedback.field.holiday_date_hint')}
          value={str(v.from)}
          dir="ltr"
          required
          errors={p.errors}
        />
        <Field name="to" label={t('feedback.field.holiday_to')} value={str(v.to)} dir="ltr" errors={p.errors} />
        <div class="choice">
          <input type="checkbox" id="f-yearly" name="yearly" value="on" checked={v.yearly === 'on'} />
          <label for="f-yearly">{t('feedback.field.holiday_yearly')}</label>
        </div>
        <button type="submit" class="button">
          {t('feedback.calendar.add')}
        </button>
      </form>
    </Layout>
  );
}
