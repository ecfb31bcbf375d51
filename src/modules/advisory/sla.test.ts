import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { makeCalendar } from '../feedback/public.ts';
import { type ClockedRequest, requestClocks } from './sla.ts';

// Known answers on the program's default working calendar (Asia/Riyadh, UTC+3, Sunday–Thursday
// 08:00–16:00). 2026-01-04 is a Sunday. A tender review has 16 working hours to the first response
// and 80 (ten working days) to delivery; "more information" pauses stop both clocks.

const cal = makeCalendar();
/** Riyadh wall-clock time as an ISO instant. */
const riyadh = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+03:00`).toISOString();
const at = (day: string, hhmm: string) => new Date(riyadh(day, hhmm));
const tender = (over: Partial<ClockedRequest> = {}): ClockedRequest => ({
  type: 'tender_review',
  status: 'submitted',
  submitted_at: riyadh('2026-01-04', '09:00'),
  first_response_at: null,
  delivered_at: null,
  ...over,
});

describe('advisory SLA arithmetic on the working calendar', () => {
  it('counts only working hours: due dates skip evenings and the Friday–Saturday weekend', () => {
    const c = requestClocks(cal, tender(), [], at('2026-01-04', '10:00'));
    // Sunday 09–16 (7 h) + Monday (8 h) + Tuesday 08–09 (1 h) = 16 h.
    assert.equal(c.firstResponse.dueAt?.toISOString(), riyadh('2026-01-06', '09:00'));
    // 7 h + Monday–Thursday (32 h) + the next Sunday–Thursday (40 h) + 1 h on Sunday 18th = 80 h.
    assert.equal(c.delivery?.dueAt?.toISOString(), riyadh('2026-01-18', '09:00'));
    assert.equal(c.firstResponse.elapsedWorkingMs, 3_600_000);
    assert.equal(c.standing, 'on_track');
  });

  it('stops both clocks while the office waits for more information, and moves the due dates by the paused working time', () => {
    // Asked Monday 10:00, answered Wednesday 10:00: Monday 10–16 (6 h) + Tuesday (8 h) + Wednesday 08–10 (2 h) = 16 working hours paused.
    const pauses = [{ from_at: riyadh('2026-01-05', '10:00'), to_at: riyadh('2026-01-07', '10:00') }];
    const c = requestClocks(cal, tender(), pauses, at('2026-01-07', '11:00'));
    // 9 h ran before the pause (Sunday 7 h, Monday 2 h); the other 7 h run from Wednesday 10:00: 6 h to 16:00, 1 h Thursday.
    assert.equal(c.firstResponse.dueAt?.toISOString(), riyadh('2026-01-08', '09:00'));
    assert.equal(c.delivery?.dueAt?.toISOString(), riyadh('2026-01-20', '09:00'));
    assert.equal(c.firstResponse.elapsedWorkingMs, 10 * 3_600_000);
    assert.equal(c.standing, 'on_track');
  });

  it('reports a request paused while its information request is open', () => {
    const pauses = [{ from_at: riyadh('2026-01-05', '08:30'), to_at: null }];
    const c = requestClocks(cal, tender({ status: 'info_requested' }), pauses, at('2026-01-06', '15:00'));
    assert.equal(c.firstResponse.state, 'paused');
    assert.equal(c.standing, 'paused');
    // Sunday 7 h and Monday's half hour before the pause; nothing since.
    assert.equal(c.firstResponse.elapsedWorkingMs, 7.5 * 3_600_000);
  });

  it('skips public holidays of the calendar', () => {
    const withHoliday = makeCalendar({ holidays: [{ dates: '2026-01-05', name: 'test holiday' }] });
    const c = requestClocks(withHoliday, tender(), [], at('2026-01-04', '10:00'));
    // Sunday 7 h, Monday off, Tuesday 8 h, Wednesday 08–09.
    assert.equal(c.firstResponse.dueAt?.toISOString(), riyadh('2026-01-07', '09:00'));
  });

  it('warns at 80% of the target (at risk) and reports overdue after the deadline', () => {
    // 15.5 h of 16: past the 12.8 h warning.
    assert.equal(requestClocks(cal, tender(), [], at('2026-01-06', '08:30')).standing, 'at_risk');
    // The deadline itself is on time; a minute later is overdue.
    assert.equal(requestClocks(cal, tender(), [], at('2026-01-06', '09:00')).firstResponse.state, 'warning');
    assert.equal(requestClocks(cal, tender(), [], at('2026-01-06', '09:01')).standing, 'overdue');
  });

  it('judges a finished request on both clocks: delivered at the deadline is met, a minute later is late', () => {
    const answered = { status: 'delivered' as const, first_response_at: riyadh('2026-01-05', '10:00') };
    const met = requestClocks(cal, tender({ ...answered, delivered_at: riyadh('2026-01-18', '09:00') }), [], at('2026-02-01', '10:00'));
    assert.equal(met.firstResponse.state, 'met');
    assert.equal(met.delivery?.state, 'met');
    assert.equal(met.standing, 'met');
    const late = requestClocks(cal, tender({ ...answered, delivered_at: riyadh('2026-01-18', '09:01') }), [], at('2026-02-01', '10:00'));
    assert.equal(late.delivery?.state, 'breached');
    assert.equal(late.standing, 'late');
  });

  it("has no delivery clock for a declined request, and uses each type's own targets", () => {
    const declined = requestClocks(
      cal,
      tender({ status: 'declined', first_response_at: riyadh('2026-01-04', '15:00') }),
      [],
      at('2026-03-01', '10:00'),
    );
    assert.equal(declined.delivery, null);
    assert.equal(declined.standing, 'met');
    // A service availability review: 8 h to respond — Sunday 09–16 (7 h) + Monday 08–09.
    const sa = requestClocks(cal, tender({ type: 'service_availability' }), [], at('2026-01-04', '10:00'));
    assert.equal(sa.firstResponse.dueAt?.toISOString(), riyadh('2026-01-05', '09:00'));
  });
});
