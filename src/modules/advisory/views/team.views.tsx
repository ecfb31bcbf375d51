import { pick } from '../../../platform/i18n/i18n.ts';
import { Breadcrumbs, Csrf, DataTable, ErrorSummary, type Errors, Select } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import type { Agency, User } from '../../identity/public.ts';
import type { TeamMember } from '../queue.service.ts';
import { AdvisoryLayout, str } from './common.tsx';

/** The advisory team: each member's home agency and open assignments; the program administrator adds members. */
export function TeamPage(p: {
  members: TeamMember[];
  candidates: User[];
  agencies: Agency[];
  canManage: boolean;
  values: Record<string, unknown>;
  errors?: Errors;
}) {
  const { t, href, lang, num } = usePage();
  const agency = new Map(p.agencies.map((a) => [a.id, a]));
  const onTeam = new Set(p.members.map((m) => m.advisor.user_id));
  const homes = new Set(p.members.map((m) => m.advisor.home_agency_id));
  return (
    <AdvisoryLayout title={t('advisory.team.title')}>
      <Breadcrumbs items={[{ href: '/console/advisory', label: t('advisory.title') }, { label: t('advisory.team.title') }]} />
      <PageHeading
        title={t('advisory.team.title')}
        lead={t('advisory.team.lead', { people: num(p.members.length), agencies: num(homes.size) })}
      />
      <ErrorSummary errors={p.errors} />
      <DataTable
        caption={t('advisory.team.title')}
        headers={[t('advisory.field.advisor'), t('advisory.field.email'), t('advisory.field.home_agency'), t('advisory.team.open')]}
        empty={p.members.length === 0}
      >
        {p.members.map((m) => {
          const a = agency.get(m.advisor.home_agency_id);
          return (
            <tr key={m.advisor.id}>
              <td>{m.name}</td>
              <td dir="ltr">{m.email}</td>
              <td>{a ? pick(lang, a, 'name') : '—'}</td>
              <td>{num(m.open)}</td>
            </tr>
          );
        })}
      </DataTable>
      {p.canManage ? (
        <section aria-labelledby="add-h">
          <h2 id="add-h">{t('advisory.team.add')}</h2>
          <p>{t('advisory.team.add_hint')}</p>
          <form method="post" action={href('/console/advisory/team')} novalidate>
            <Csrf />
            <Select
              name="user_id"
              label={t('advisory.field.advisor')}
              blank=""
              value={str(p.values.user_id)}
              errors={p.errors}
              required
              options={p.candidates.filter((u) => !onTeam.has(u.id)).map((u) => ({ value: String(u.id), label: `${u.name} <${u.email}>` }))}
            />
            <Select
              name="home_agency_id"
              label={t('advisory.field.home_agency')}
              blank=""
              value={str(p.values.home_agency_id)}
              errors={p.errors}
              required
              options={p.agencies.map((a) => ({ value: String(a.id), label: pick(lang, a, 'name') }))}
            />
            <button type="submit" class="button">
              {t('advisory.team.add')}
            </button>
          </form>
        </section>
      ) : null}
    </AdvisoryLayout>
  );
}
