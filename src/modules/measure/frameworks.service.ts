import { readFileSync } from 'node:fs';
import { recordAudit } from '../../platform/audit/audit.ts';
import { actorLabel, type Ctx } from '../../platform/auth/actor.ts';
import { authorize } from '../../platform/authz/authorize.ts';
import type { Deps } from '../../platform/deps.ts';
import { ConflictError, type FieldError, fieldError, NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import { jsonDepth } from '../../platform/http/json-depth.ts';
import { parseInput } from '../../platform/http/validation.ts';
import { measurePolicy } from './measure.policy.ts';
import { type NewQuestionInput, type NodeInput, newQuestionInput, newVersionInput, nodeInput, settingsInput } from './measure.schema.ts';
import * as repo from './repo/frameworks.repo.ts';
import { type Framework, FrameworkError, type FrameworkNode, parseFramework } from './scoring/framework.schema.ts';
import { sourceFor, sourceNames } from './sources.ts';

export type { FrameworkRow } from './repo/frameworks.repo.ts';

const cache = new Map<number, { json: string; framework: Framework }>();

/** A stored definition parsed once per content (a published framework never changes). */
export function definitionOf(row: repo.FrameworkRow): Framework {
  const hit = cache.get(row.id);
  if (hit && hit.json === row.definition_json) return hit.framework;
  const framework = parseFramework(JSON.parse(row.definition_json));
  if (cache.size > 100) cache.clear();
  cache.set(row.id, { json: row.definition_json, framework });
  return framework;
}

/** The framework document as exported: the stored definition, pretty-printed. */
export const frameworkJson = (f: Framework) => `${JSON.stringify(f, null, 2)}\n`;

/** A framework by id for the module's own use (rounds read their frozen version through it). */
export async function loadFramework(deps: Deps, id: number) {
  const row = await repo.findFramework(deps.db, id);
  if (!row) throw new NotFoundError();
  return { row, framework: definitionOf(row) };
}

export async function listFrameworks(deps: Deps, ctx: Ctx) {
  authorize(measurePolicy.oversee(ctx.actor));
  return repo.listFrameworks(deps.db);
}

export async function getFramework(deps: Deps, ctx: Ctx, id: number) {
  authorize(measurePolicy.oversee(ctx.actor));
  const f = await loadFramework(deps, id);
  return { ...f, rounds: await repo.roundsUsing(deps.db, id) };
}

/** Nesting a framework document may have: its deepest legitimate tree nests about a dozen levels. */
export const FRAMEWORK_MAX_DEPTH = 64;

/**
 * Validates a framework document, turning its problems into one field error that lists them. The
 * nesting is measured first, without recursion: the schema walks the tree recursively, and a file
 * nested thousands of levels deep would overflow the stack there.
 */
function validate(field: string, text: string): Framework {
  if (jsonDepth(text, FRAMEWORK_MAX_DEPTH) > FRAMEWORK_MAX_DEPTH)
    fieldError(field, 'measure.validation.framework_depth', { max: FRAMEWORK_MAX_DEPTH });
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    fieldError(field, 'measure.validation.framework_json', { reason: (e as Error).message.slice(0, 200) });
  }
  try {
    return parseFramework(json);
  } catch (e) {
    if (!(e instanceof FrameworkError)) throw e;
    const shown = e.issues.slice(0, 15).join(' · ');
    fieldError(field, 'measure.validation.framework_invalid', { count: e.issues.length, issues: shown });
  }
}

/** Imports a framework JSON document as a new draft version. */
export async function importFramework(deps: Deps, ctx: Ctx, text: string, field = 'file') {
  authorize(measurePolicy.administer(ctx.actor));
  const framework = validate(field, text);
  return createDraft(deps, ctx, framework, 'measure.framework.import', field);
}

async function createDraft(deps: Deps, ctx: Ctx, framework: Framework, action: string, field = 'file') {
  if (await repo.findFrameworkVersion(deps.db, framework.id, framework.version))
    throw new ConflictError('measure.validation.framework_exists', { key: framework.id, version: framework.version }, [
      { field, key: 'measure.validation.framework_exists', params: { key: framework.id, version: framework.version } },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    const row = await repo.insertFramework(trx, {
      key: framework.id,
      version: framework.version,
      name_ar: framework.name_ar,
      name_en: framework.name_en,
      definition_json: JSON.stringify(framework),
      created_by: actorLabel(ctx.actor),
    });
    await recordAudit(trx, ctx, {
      action,
      recordType: 'measure_framework',
      recordId: row.id,
      after: { key: row.key, version: row.version },
    });
    return row;
  });
}

/** The default framework shipped with Yusr (the program's four axes). */
export function defaultFramework(): Framework {
  return parseFramework(JSON.parse(readFileSync(new URL('./scoring/default-framework.json', import.meta.url), 'utf8')));
}

/** Adds the default framework as a draft (or returns it when that version is already there). */
export async function addDefaultFramework(deps: Deps, ctx: Ctx) {
  authorize(measurePolicy.administer(ctx.actor));
  const f = defaultFramework();
  return (await repo.findFrameworkVersion(deps.db, f.id, f.version)) ?? createDraft(deps, ctx, f, 'measure.framework.import');
}

/** Copies a framework into a new draft version to be edited. */
export async function newVersion(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(measurePolicy.administer(ctx.actor));
  const { framework } = await loadFramework(deps, id);
  const { version } = parseInput(newVersionInput, raw);
  return createDraft(deps, ctx, { ...framework, version }, 'measure.framework.new_version', 'version');
}

async function saveDraft(deps: Deps, ctx: Ctx, id: number, next: Framework, action: string, field: string) {
  const { row, framework: before } = await loadFramework(deps, id);
  if (row.status !== 'draft') throw new ConflictError('measure.error.framework_frozen');
  // Whatever was edited, the whole document must still validate (sum weights, stage order, keys).
  const framework = validate(field, JSON.stringify(next));
  if (
    (framework.id !== row.key || framework.version !== row.version) &&
    (await repo.findFrameworkVersion(deps.db, framework.id, framework.version))
  )
    fieldError(field, 'measure.validation.framework_exists', { key: framework.id, version: framework.version });
  return deps.db.transaction().execute(async (trx) => {
    const after = await repo.updateDraft(trx, id, {
      key: framework.id,
      version: framework.version,
      name_ar: framework.name_ar,
      name_en: framework.name_en,
      definition_json: JSON.stringify(framework),
    });
    if (!after) throw new ConflictError('measure.error.framework_frozen');
    await recordAudit(trx, ctx, { action, recordType: 'measure_framework', recordId: id, before, after: framework });
    return after;
  });
}

/** Replaces a draft's whole definition with an edited JSON document. */
export async function saveDefinition(deps: Deps, ctx: Ctx, id: number, text: string) {
  authorize(measurePolicy.administer(ctx.actor));
  const next = validate('definition', text);
  return saveDraft(deps, ctx, id, next, 'measure.framework.edit_json', 'definition');
}

/** Changes a draft's scale, decimals, root method and stages (names and thresholds). */
export async function updateSettings(deps: Deps, ctx: Ctx, id: number, raw: unknown) {
  authorize(measurePolicy.administer(ctx.actor));
  const input = parseInput(settingsInput, raw);
  const { framework } = await loadFramework(deps, id);
  const errors: FieldError[] = input.stages.flatMap((s, i): FieldError[] => {
    if (s.min > input.scale_max) return [{ field: `stages.${i}.min`, key: 'measure.validation.stage_above_scale' }];
    if (i > 0 && !(s.min > input.stages[i - 1].min)) return [{ field: `stages.${i}.min`, key: 'measure.validation.stage_order' }];
    return [];
  });
  if (errors.length) throw new ValidationError(errors);
  const next: Framework = {
    ...framework,
    method: input.method,
    settings: { scale_max: input.scale_max, decimals: input.decimals, stages: input.stages },
  };
  return saveDraft(deps, ctx, id, next, 'measure.framework.settings', 'scale_max');
}

function applyNode(n: FrameworkNode, input: NodeInput): FrameworkNode {
  const common = {
    ...n,
    name_ar: input.name_ar,
    name_en: input.name_en,
    guidance_ar: input.guidance_ar || undefined,
    guidance_en: input.guidance_en || undefined,
    weight: input.weight,
  };
  if (n.type !== 'question') return { ...common, type: n.type, method: input.method ?? n.method, children: n.children } as FrameworkNode;
  return {
    ...common,
    type: 'question',
    allow_na: input.allow_na,
    entered_by: input.entered_by_office ? 'office' : undefined,
    evidence: {
      required: input.evidence_required,
      description_ar: input.evidence_ar || undefined,
      description_en: input.evidence_en || undefined,
    },
    levels: n.levels && input.levels ? n.levels.map((l, i) => ({ ...l, ...input.levels?.[i], key: l.key })) : n.levels,
    scale: n.scale && input.scale ? { ...input.scale, cap: input.scale.cap } : n.scale,
  } as FrameworkNode;
}

/** Edits one node of a draft: texts, weight, method, and for a question its evidence, N/A, levels and scale. */
export async function updateNode(deps: Deps, ctx: Ctx, id: number, key: string, raw: unknown) {
  authorize(measurePolicy.administer(ctx.actor));
  const input = parseInput(nodeInput, raw);
  const { framework } = await loadFramework(deps, id);
  let found = false;
  const walk = (nodes: FrameworkNode[]): FrameworkNode[] =>
    nodes.map((n) => {
      if (n.key === key) {
        found = true;
        return applyNode(n, input);
      }
      return n.type === 'question' ? n : { ...n, children: walk(n.children) };
    });
  const nodes = walk(framework.nodes);
  if (!found) throw new NotFoundError();
  if (input.scale && !(input.scale.max > input.scale.min)) fieldError('scale.max', 'measure.validation.scale_order');
  if (input.scale?.cap !== undefined && (input.scale.cap < input.scale.min || input.scale.cap > input.scale.max))
    fieldError('scale.cap', 'measure.validation.cap_range');
  return saveDraft(deps, ctx, id, { ...framework, nodes }, 'measure.framework.node', 'weight');
}

/** The node with this key anywhere in the tree. */
export function findNode(nodes: FrameworkNode[], key: string): FrameworkNode | undefined {
  for (const n of nodes) {
    if (n.key === key) return n;
    if (n.type !== 'question') {
      const hit = findNode(n.children, key);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** Every key in a tree, for uniqueness checks. */
const keysOf = (nodes: FrameworkNode[]): string[] => nodes.flatMap((n) => [n.key, ...(n.type === 'question' ? [] : keysOf(n.children))]);

/** A question as first added: the answer type's defaults, which its own page then refines. */
function newQuestion(input: NewQuestionInput): FrameworkNode {
  const base = { key: input.key, type: 'question' as const, name_ar: input.name_ar, name_en: input.name_en, weight: input.weight };
  const evidence = { required: false };
  switch (input.answer_type) {
    case 'levels':
      return {
        ...base,
        answer_type: 'levels',
        allow_na: false,
        evidence,
        levels: [
          { key: 'none', name_ar: 'غير متحقق', name_en: 'Not in place', score: 0 },
          { key: 'partial', name_ar: 'متحقق جزئياً', name_en: 'Partly in place', score: 0.5 },
          { key: 'full', name_ar: 'متحقق كلياً', name_en: 'Fully in place', score: 1 },
        ],
      };
    case 'number':
      return { ...base, answer_type: 'number', allow_na: false, evidence, scale: { min: 0, max: 100, direction: 'higher_better' } };
    case 'automatic':
      return {
        ...base,
        answer_type: 'automatic',
        allow_na: true,
        evidence,
        scale: { min: 0, max: 1, direction: sourceFor(input.source ?? '')?.direction ?? 'higher_better' },
        automatic: { source: input.source ?? '' },
      };
    default:
      return { ...base, answer_type: input.answer_type, allow_na: false, evidence };
  }
}

/** Adds a question under a perspective, axis or indicator of a draft. */
export async function addQuestion(deps: Deps, ctx: Ctx, id: number, parentKey: string, raw: unknown) {
  authorize(measurePolicy.administer(ctx.actor));
  const input = parseInput(newQuestionInput, raw);
  const { framework } = await loadFramework(deps, id);
  const parent = findNode(framework.nodes, parentKey);
  if (!parent || parent.type === 'question') throw new NotFoundError();
  if (keysOf(framework.nodes).includes(input.key)) fieldError('key', 'measure.validation.key_taken', { key: input.key });
  if (input.answer_type === 'automatic' && !sourceNames().includes(input.source ?? '')) fieldError('source', 'measure.validation.source');
  const question = newQuestion(input);
  const walk = (nodes: FrameworkNode[]): FrameworkNode[] =>
    nodes.map((n) => {
      if (n.type === 'question') return n;
      return { ...n, children: n.key === parentKey ? [...n.children, question] : walk(n.children) };
    });
  return saveDraft(deps, ctx, id, { ...framework, nodes: walk(framework.nodes) }, 'measure.framework.node_add', 'key');
}

/** Removes a node and everything under it from a draft; a parent (or the framework) is never left empty. */
export async function removeNode(deps: Deps, ctx: Ctx, id: number, key: string) {
  authorize(measurePolicy.administer(ctx.actor));
  const { framework } = await loadFramework(deps, id);
  if (!findNode(framework.nodes, key)) throw new NotFoundError();
  const walk = (nodes: FrameworkNode[]): FrameworkNode[] => {
    const kept = nodes.filter((n) => n.key !== key);
    if (kept.length === 0) fieldError('node', 'measure.validation.last_child');
    return kept.map((n) => (n.type === 'question' ? n : { ...n, children: walk(n.children) }));
  };
  return saveDraft(deps, ctx, id, { ...framework, nodes: walk(framework.nodes) }, 'measure.framework.node_remove', 'node');
}

/** Freezes a draft: from now on rounds may use it and nobody may change it. */
export async function publishFramework(deps: Deps, ctx: Ctx, id: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const { row } = await loadFramework(deps, id);
  if (row.status !== 'draft') throw new ConflictError('measure.error.framework_frozen');
  await deps.db.transaction().execute(async (trx) => {
    await repo.setFrameworkStatus(trx, id, 'published');
    await recordAudit(trx, ctx, {
      action: 'measure.framework.publish',
      recordType: 'measure_framework',
      recordId: id,
      after: { status: 'published' },
    });
  });
}

/** Deletes a draft nobody uses. */
export async function deleteFramework(deps: Deps, ctx: Ctx, id: number) {
  authorize(measurePolicy.administer(ctx.actor));
  const { row } = await loadFramework(deps, id);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraft(trx, id))) throw new ConflictError('measure.error.framework_frozen');
    await recordAudit(trx, ctx, {
      action: 'measure.framework.delete',
      recordType: 'measure_framework',
      recordId: id,
      before: { key: row.key, version: row.version },
    });
  });
}
