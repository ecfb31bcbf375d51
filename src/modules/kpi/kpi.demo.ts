import { hash, mulberry32 } from '../../demo/catalog/random.ts';
import type { Ctx } from '../../platform/auth/actor.ts';
import type { Deps } from '../../platform/deps.ts';
import { listServices } from '../catalog/public.ts';
import { addMonths, monthsEnding } from './kpi.math.ts';
import { latestMonth, saveMonth } from './kpi.service.ts';

// Demo performance data: 24 months for the demo's live services, drawn from a seeded generator per
// service (the same every run) and entered through saveMonth like any agency's figures. Gaps are
// drawn too: some services started reporting late, some skipped a stretch, a few forgot a month,
// and some never give a cost. Loading again changes nothing (the same figures are "unchanged").

/** Services given figures: enough for medians and every kind of gap, few enough to load in seconds. */
export const DEMO_SERVICES = 40;
export const DEMO_MONTHS = 24;

export interface DemoMonth {
  month: string;
  values: Record<string, number | string | undefined>;
}

/** The months and figures one service reports, from its own random stream. */
export function demoSeries(identifier: string, last: string): DemoMonth[] {
  const random = mulberry32(hash(`yusr-demo-kpi:${identifier}`));
  const months = monthsEnding(last, DEMO_MONTHS);
  const volume = Math.round(400 * 10 ** (random() * 2.2));
  let digital = 0.3 + random() * 0.45;
  const growth = 0.004 + random() * 0.012;
  const appShare = 0.2 + random() * 0.4;
  const kioskShare = random() < 0.4 ? 0.02 + random() * 0.06 : 0;
  const completion = 0.62 + random() * 0.3;
  const costed = random() > 0.2;
  const assistedCost = 25 + random() * 60;
  const digitalCost = 2 + random() * 8;
  const lateStart = random() < 0.12 ? 8 + Math.floor(random() * 8) : 0;
  const gapAt = random() < 0.2 ? 3 + Math.floor(random() * 16) : -1;
  const gapLength = 1 + Math.floor(random() * 3);
  const out: DemoMonth[] = [];
  for (const [i, month] of months.entries()) {
    digital = Math.min(0.97, digital + growth);
    const season = 1 + 0.15 * Math.sin(((Number(month.slice(5)) - 1) / 12) * 2 * Math.PI) + (random() - 0.5) * 0.1;
    const forgot = random() < 0.03;
    if (i < lateStart || (i >= gapAt && i < gapAt + gapLength) || forgot) continue;
    const total = Math.max(10, Math.round(volume * season));
    const dig = Math.round(total * digital);
    const app = Math.round(dig * appShare);
    const kiosk = Math.round(dig * kioskShare);
    const web = dig - app - kiosk;
    const assisted = total - dig;
    const call = Math.round(assisted * (0.3 + random() * 0.3));
    const started = Math.round(dig * (1.05 + random() * 0.35));
    const completed = Math.min(started, Math.round(started * (completion + (random() - 0.5) * 0.06)));
    const cost = Math.round((dig * digitalCost + assisted * assistedCost) * 100) / 100;
    out.push({
      month,
      values: {
        web,
        app,
        kiosk,
        call_centre: call,
        service_centre: assisted - call,
        started,
        completed,
        total_cost: costed ? cost : undefined,
        cost_includes: costed
          ? 'تشغيل المنصة والاستضافة وموظفو مراكز الخدمة والاتصال / Platform operations, hosting, service and call centre staff'
          : undefined,
      },
    });
  }
  return out;
}

/** Loads the demo's figures through the service: up to DEMO_SERVICES live services, 24 months each, with their gaps. */
export async function loadKpiDemo(deps: Deps, ctx: Ctx): Promise<Record<string, number>> {
  const services = (await listServices(deps.db, { status: 'live', state: 'published' }, 100_000, 0))
    .sort((a, b) => a.identifier.localeCompare(b.identifier))
    .slice(0, DEMO_SERVICES);
  const last = addMonths(latestMonth(deps), -1);
  let entered = 0;
  for (const s of services)
    for (const m of demoSeries(s.identifier, last))
      if ((await saveMonth(deps, ctx, s.id, m.month, m.values, 'demo')).outcome !== 'unchanged') entered++;
  return { kpi_figures: entered };
}
