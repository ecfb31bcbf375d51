import { type Pause, type SlaStatus, slaStatus, type WorkingCalendar } from '../feedback/public.ts';
import type { RequestStatus, RequestType } from './advisory.tables.ts';

// The two service levels of an advisory request, on the program's working calendar (feedback keeps
// it: hours, weekends, Hijri and Gregorian holidays). Both clocks start at submission and stop while
// the office waits for the agency's "more information"; the first response stops at the office's
// decision (accept or decline), delivery at the lead advisor's hand-over.

const HOUR = 3_600_000;

/** Targets per request type, in working hours (a working day is 8 hours on the default calendar). */
export const slaTargets: Record<RequestType, { firstResponseHours: number; deliveryHours: number }> = {
  strategic_plan: { firstResponseHours: 16, deliveryHours: 240 },
  tender_review: { firstResponseHours: 16, deliveryHours: 80 },
  vendor_evaluation: { firstResponseHours: 16, deliveryHours: 120 },
  technical_review: { firstResponseHours: 16, deliveryHours: 160 },
  service_availability: { firstResponseHours: 8, deliveryHours: 40 },
  other: { firstResponseHours: 16, deliveryHours: 80 },
};

/** Where a request stands against its service levels, as the queue shows it. */
export type Standing = 'on_track' | 'at_risk' | 'overdue' | 'paused' | 'met' | 'late';

export interface RequestClocks {
  firstResponse: SlaStatus;
  /** None for a declined request: nothing is delivered. */
  delivery: SlaStatus | null;
  standing: Standing;
}

export interface ClockedRequest {
  type: RequestType;
  status: RequestStatus;
  submitted_at: string;
  first_response_at: string | null;
  delivered_at: string | null;
}

/** Both clocks of a request at `now`, with "more information" pauses taken out (a pure function). */
export function requestClocks(
  cal: WorkingCalendar,
  r: ClockedRequest,
  pauses: readonly { from_at: string; to_at: string | null }[],
  now: Date,
): RequestClocks {
  const target = slaTargets[r.type];
  const ps: Pause[] = pauses.map((p) => ({ from: Date.parse(p.from_at), to: p.to_at ? Date.parse(p.to_at) : null }));
  const clock = (hours: number, stoppedAt: string | null) =>
    slaStatus(cal, {
      startedAt: Date.parse(r.submitted_at),
      targetMs: hours * HOUR,
      pauses: ps,
      ...(stoppedAt ? { stoppedAt: Date.parse(stoppedAt) } : { now }),
    });
  const firstResponse = clock(target.firstResponseHours, r.first_response_at);
  const delivery = r.status === 'declined' ? null : clock(target.deliveryHours, r.delivered_at);
  const finished = r.status === 'declined' || r.delivered_at !== null;
  return { firstResponse, delivery, standing: standingOf(firstResponse, delivery, finished) };
}

function standingOf(first: SlaStatus, delivery: SlaStatus | null, finished: boolean): Standing {
  const states = [first.state, delivery?.state];
  // A finished request is judged on both clocks: late when either was overrun.
  if (finished) return states.includes('breached') ? 'late' : 'met';
  if (states.includes('breached')) return 'overdue';
  if (states.includes('paused')) return 'paused';
  if (states.includes('warning')) return 'at_risk';
  return 'on_track';
}

/** Pauses grouped by their request. */
export function pausesByRequest<P extends { request_id: number }>(pauses: readonly P[]): Map<number, P[]> {
  const out = new Map<number, P[]>();
  for (const p of pauses) {
    const list = out.get(p.request_id);
    if (list) list.push(p);
    else out.set(p.request_id, [p]);
  }
  return out;
}
