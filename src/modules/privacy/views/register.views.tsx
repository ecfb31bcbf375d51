import type { RetentionPeriod } from '../../../platform/personal-data.ts';
import { DataTable, Tag } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import { basisLabel, unitLabel } from '../privacy.labels.ts';
import type { RegisterEntry } from '../register.ts';
import { OfficeNav } from './office.nav.tsx';

/** A retention period in words ("2 years", "1 Hijri year"), or a dash. */
export function Period({ period }: { period: RetentionPeriod | null }) {
  const { t } = usePage();
  return period ? t(unitLabel[period.unit], { n: period.n }) : <span class="muted">—</span>;
}

/** The register as a table: what is held, why, on what basis, for how long; `office` adds where and the purge state. */
export function RegisterTable({ entries, office = false }: { entries: RegisterEntry[]; office?: boolean }) {
  const { t } = usePage();
  return (
    <DataTable
      caption={t('privacy.register.title')}
      empty={entries.length === 0}
      headers={[
        t('privacy.register.data'),
        t('privacy.register.purpose'),
        t('privacy.register.basis'),
        t('privacy.register.retention'),
        ...(office ? [t('privacy.register.where')] : []),
      ]}
    >
      {entries.map((e) => (
        <tr key={e.kind.key}>
          <td>{t(e.kind.label)}</td>
          <td>
            {t(e.kind.purpose)}
            {e.kind.correction ? (
              <div class="muted">
                {t('privacy.register.correction')} {t(e.kind.correction)}
              </div>
            ) : null}
          </td>
          <td>{t(basisLabel[e.kind.basis])}</td>
          <td>
            {t(e.kind.retention)}
            {e.period ? (
              <div>
                <strong>
                  <Period period={e.period} />
                </strong>
                {office && !e.enabled ? (
                  <>
                    {' '}
                    <Tag tone="grey">{t('privacy.retention.off')}</Tag>
                  </>
                ) : null}
              </div>
            ) : null}
          </td>
          {office ? (
            <td class="ltr">
              <code>{e.kind.key}</code>
              <div class="muted">{e.kind.where}</div>
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}

/** The register in the public privacy notice (an extension of the site module's page). */
export function NoticeSection({ entries }: { entries: RegisterEntry[] }) {
  const { t } = usePage();
  return (
    <section aria-labelledby="privacy-register">
      <h2 id="privacy-register">{t('privacy.notice.title')}</h2>
      <p>{t('privacy.notice.lead')}</p>
      <RegisterTable entries={entries} />
      <p>
        <a href={usePage().href('/my-data')}>{t('privacy.notice.rights')}</a>
      </p>
    </section>
  );
}

export function RegisterPage({ entries, prior }: { entries: RegisterEntry[]; prior?: { standing: number; withdrawn: number } }) {
  const { t } = usePage();
  return (
    <Layout title={t('privacy.register.title')} nav="/console/privacy">
      <PageHeading title={t('privacy.register.title')} lead={t('privacy.register.lead')} />
      <OfficeNav current="/console/privacy" />
      <RegisterTable entries={entries} office />
      {prior && prior.standing + prior.withdrawn > 0 && (
        <p id="prior-consents">{t('privacy.consent.prior_office', { standing: prior.standing, withdrawn: prior.withdrawn })}</p>
      )}
    </Layout>
  );
}
