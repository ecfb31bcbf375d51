import { formatList } from '../../../platform/i18n/lists.ts';
import {
  Breadcrumbs,
  Csrf,
  DateTime,
  ErrorSummary,
  type Errors,
  Field,
  PostButton,
  Tag,
  TextArea,
} from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import { PageHeading } from '../../../platform/views/Layout.tsx';
import { answerTypeLabel, directionLabel, frameworkStatusLabel, methodLabel, nodeTypeLabel } from '../measure.labels.ts';
import type { FrameworkRow } from '../repo/frameworks.repo.ts';
import type { Framework, FrameworkNode, QuestionNode } from '../scoring/framework.schema.ts';
import { sourceFor } from '../sources.ts';
import { MeasureLayout, nameOf } from './common.tsx';

export function FrameworkStatusTag({ status }: { status: FrameworkRow['status'] }) {
  const { t } = usePage();
  return <Tag tone={status === 'draft' ? 'grey' : undefined}>{t(frameworkStatusLabel[status])}</Tag>;
}

export function FrameworksPage({ rows, canAdminister, hasDefault }: { rows: FrameworkRow[]; canAdminister: boolean; hasDefault: boolean }) {
  const { t, href, lang } = usePage();
  return (
    <MeasureLayout title={t('measure.frameworks.title')}>
      <Breadcrumbs items={[{ href: '/console/measure', label: t('measure.title') }, { label: t('measure.frameworks.title') }]} />
      <PageHeading title={t('measure.frameworks.title')} lead={t('measure.frameworks.lead')} />
      {canAdminister ? (
        <div class="actions">
          <a class="button" href={href('/console/measure/frameworks/import')}>
            {t('measure.frameworks.import')}
          </a>
          {hasDefault ? null : (
            <PostButton action={href('/console/measure/frameworks/default')} label={t('measure.frameworks.add_default')} tone="secondary" />
          )}
        </div>
      ) : null}
      {rows.length === 0 ? (
        <p>{t('measure.frameworks.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption class="visually-hidden">{t('measure.frameworks.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('measure.framework.name')}</th>
                <th scope="col">{t('measure.framework.key')}</th>
                <th scope="col">{t('measure.framework.version')}</th>
                <th scope="col">{t('measure.framework.status')}</th>
                <th scope="col">{t('measure.framework.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <a href={href(`/console/measure/frameworks/${r.id}`)}>{nameOf(lang, r)}</a>
                  </td>
                  <td class="ltr">{r.key}</td>
                  <td class="ltr">{r.version}</td>
                  <td>
                    <FrameworkStatusTag status={r.status} />
                  </td>
                  <td>
                    <DateTime value={r.updated_at} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </MeasureLayout>
  );
}

export function FrameworkImportPage({ errors, json }: { errors?: Errors; json?: string }) {
  const { t, href } = usePage();
  return (
    <MeasureLayout title={t('measure.frameworks.import')}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: '/console/measure/frameworks', label: t('measure.frameworks.title') },
          { label: t('measure.frameworks.import') },
        ]}
      />
      <PageHeading title={t('measure.frameworks.import')} lead={t('measure.frameworks.import_lead')} />
      <ErrorSummary errors={errors} />
      <form method="post" action={href('/console/measure/frameworks/import')} encType="multipart/form-data" class="panel">
        <Csrf />
        <Field
          name="file"
          type="file"
          label={t('measure.frameworks.file')}
          hint={t('measure.frameworks.file_hint')}
          errors={errors}
          accept=".json,application/json"
        />
        <TextArea
          name="json"
          label={t('measure.frameworks.paste')}
          hint={t('measure.frameworks.paste_hint')}
          value={json}
          rows={8}
          dir="ltr"
          errors={errors}
        />
        <button type="submit" class="button">
          {t('measure.frameworks.import_submit')}
        </button>
      </form>
    </MeasureLayout>
  );
}

function weightShare(node: FrameworkNode, siblings: FrameworkNode[]) {
  const total = siblings.reduce((s, n) => s + n.weight, 0);
  return total > 0 ? node.weight / total : 0;
}

function QuestionFacts({ q }: { q: QuestionNode }) {
  const { t, lang, num } = usePage();
  const source = q.automatic ? sourceFor(q.automatic.source) : undefined;
  return (
    <ul class="facts">
      <li>{t(answerTypeLabel[q.answer_type])}</li>
      {q.levels ? (
        <li>
          {formatList(
            lang,
            q.levels.map((l) => `${nameOf(lang, l)} (${num(l.score)})`),
            'unit',
          )}
        </li>
      ) : null}
      {q.scale ? (
        <li>
          {t('measure.framework.scale_text', { min: q.scale.min, max: q.scale.max })} · {t(directionLabel[q.scale.direction])}
          {q.scale.cap !== undefined ? ` · ${t('measure.framework.cap_text', { cap: q.scale.cap })}` : ''}
        </li>
      ) : null}
      {q.automatic ? (
        <li>
          <span class="ltr">{q.automatic.source}</span> —{' '}
          {source ? t(source.label) : <Tag tone="amber">{t('measure.source.unavailable')}</Tag>}
        </li>
      ) : null}
      {q.allow_na ? <li>{t('measure.framework.na_allowed')}</li> : null}
      {q.evidence.required ? <li>{t('measure.framework.evidence_required')}</li> : null}
    </ul>
  );
}

function Tree({ nodes, f, row, editable }: { nodes: FrameworkNode[]; f: Framework; row: FrameworkRow; editable: boolean }) {
  const { t, lang, href, num } = usePage();
  return (
    <ol class="tree">
      {nodes.map((n) => (
        <li key={n.key} class={`node node-${n.type}`}>
          <div class="node-head">
            <span class="node-type">{t(nodeTypeLabel[n.type])}</span> <strong>{nameOf(lang, n)}</strong>{' '}
            <span class="muted">
              {t('measure.framework.weight_text', {
                weight: num(n.weight),
                share: num(weightShare(n, nodes) * 100, { maximumFractionDigits: 1 }),
              })}
              {n.type !== 'question' && n.method !== 'weighted_mean' ? ` · ${t(methodLabel[n.method])}` : ''}
            </span>{' '}
            <span class="ltr muted">{n.key}</span>
            {editable ? (
              <>
                {' '}
                <a href={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(n.key)}`)}>
                  {t('measure.framework.edit_node')}
                  <span class="visually-hidden"> {nameOf(lang, n)}</span>
                </a>
                {n.type !== 'question' ? (
                  <>
                    {' · '}
                    <a href={href(`/console/measure/frameworks/${row.id}/nodes/${encodeURIComponent(n.key)}/add`)}>
                      {t('measure.framework.add_question')}
                      <span class="visually-hidden"> — {nameOf(lang, n)}</span>
                    </a>
                  </>
                ) : null}
              </>
            ) : null}
          </div>
          {(lang === 'ar' ? n.guidance_ar : n.guidance_en) ? <p class="guidance">{lang === 'ar' ? n.guidance_ar : n.guidance_en}</p> : null}
          {n.type === 'question' ? <QuestionFacts q={n} /> : <Tree nodes={n.children} f={f} row={row} editable={editable} />}
        </li>
      ))}
    </ol>
  );
}

export function FrameworkPage({
  row,
  framework,
  rounds,
  canAdminister,
  errors,
}: {
  row: FrameworkRow;
  framework: Framework;
  rounds: number;
  canAdminister: boolean;
  errors?: Errors;
}) {
  const { t, lang, href, num } = usePage();
  const draft = row.status === 'draft';
  const editable = draft && canAdminister;
  return (
    <MeasureLayout title={nameOf(lang, row)}>
      <Breadcrumbs
        items={[
          { href: '/console/measure', label: t('measure.title') },
          { href: '/console/measure/frameworks', label: t('measure.frameworks.title') },
          { label: `${row.key} ${row.version}` },
        ]}
      />
      <PageHeading title={nameOf(lang, row)} caption={`${row.key} · ${t('measure.framework.version')} ${row.version}`} />
      <ErrorSummary errors={errors} />
      <p>
        <FrameworkStatusTag status={row.status} />{' '}
        {draft ? t('measure.framework.draft_note') : t('measure.framework.published_note', { rounds })}
      </p>
      {(lang === 'ar' ? framework.description_ar : framework.description_en) ? (
        <p class="lead">{lang === 'ar' ? framework.description_ar : framework.description_en}</p>
      ) : null}
      <div class="actions">
        <a class="button secondary" href={`/measure/frameworks/${row.id}/framework.json`} download>
          {t('measure.framework.export')}
        </a>
        {editable ? (
          <>
            <a class="button secondary" href={href(`/console/measure/frameworks/${row.id}/settings`)}>
              {t('measure.framework.edit_settings')}
            </a>
            <a class="button secondary" href={href(`/console/measure/frameworks/${row.id}/json`)}>
              {t('measure.framework.edit_json')}
            </a>
            <PostButton
              action={href(`/console/measure/frameworks/${row.id}/publish`)}
              label={t('measure.framework.publish')}
              confirm={t('measure.framework.publish_confirm')}
            />
            <PostButton
              action={href(`/console/measure/frameworks/${row.id}/delete`)}
              label={t('measure.framework.delete')}
              tone="danger"
              confirm={t('measure.framework.delete_confirm')}
            />
          </>
        ) : null}
      </div>
      {canAdminister ? (
        <form method="post" action={href(`/console/measure/frameworks/${row.id}/version`)} class="panel inline-form">
          <Csrf />
          <Field
            name="version"
            label={t('measure.framework.new_version')}
            hint={t('measure.framework.new_version_hint')}
            dir="ltr"
            errors={errors}
          />
          <button type="submit" class="button secondary">
            {t('measure.framework.new_version_submit')}
          </button>
        </form>
      ) : null}
      <h2>{t('measure.framework.settings')}</h2>
      <dl class="summary">
        <dt>{t('measure.framework.scale_max')}</dt>
        <dd>{num(framework.settings.scale_max)}</dd>
        <dt>{t('measure.framework.decimals')}</dt>
        <dd>{num(framework.settings.decimals)}</dd>
        <dt>{t('measure.framework.method')}</dt>
        <dd>{t(methodLabel[framework.method])}</dd>
        <dt>{t('measure.framework.stages')}</dt>
        <dd>
          <ul>
            {framework.settings.stages.map((s) => (
              <li key={s.key}>
                {nameOf(lang, s)} — {t('measure.framework.stage_from', { min: s.min })}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
      <h2>{t('measure.framework.tree')}</h2>
      <Tree nodes={framework.nodes} f={framework} row={row} editable={editable} />
    </MeasureLayout>
  );
}
