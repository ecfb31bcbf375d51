import { z } from 'zod';

// The measurement framework as a JSON file: what the program office edits, versions and publishes,
// and what an auditor hands to `yusr measure score`. Everything the engine needs is in it.

export const nodeTypes = ['perspective', 'axis', 'indicator', 'question'] as const;
export const methods = ['weighted_mean', 'sum', 'min_max', 'z_score'] as const;
export const answerTypes = ['yes_no', 'levels', 'percentage', 'number', 'automatic'] as const;
export type NodeType = (typeof nodeTypes)[number];
export type Method = (typeof methods)[number];
export type AnswerType = (typeof answerTypes)[number];

const keySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'a key is 1–64 lowercase Latin letters, digits, ".", "_" or "-", starting with a letter');
const nameSchema = z.string().trim().min(1).max(300);
const guidanceSchema = z.string().trim().max(5000).optional();
const sourceSchema = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/, 'a source looks like "module.measure"');

export const stageSchema = z.object({ key: keySchema, name_ar: nameSchema, name_en: nameSchema, min: z.number().min(0) }).strict();
export type Stage = z.output<typeof stageSchema>;

/** Stage thresholds as fractions of the scale, so the defaults fit a framework scored on 0–1 as well as 0–100. */
const defaultStages = [
  { key: 'building', name_ar: 'البناء', name_en: 'Building', share: 0 },
  { key: 'availability', name_ar: 'الإتاحة', name_en: 'Availability', share: 0.25 },
  { key: 'integration', name_ar: 'التكامل', name_en: 'Integration', share: 0.5 },
  { key: 'excellence', name_ar: 'التميز', name_en: 'Excellence', share: 0.75 },
];

/** The four default stages placed on a scale of 0..scaleMax. */
export function defaultStagesFor(scaleMax: number): Stage[] {
  return defaultStages.map(({ share, ...s }) => ({ ...s, min: share * scaleMax }));
}

const levelSchema = z.object({ key: keySchema, name_ar: nameSchema, name_en: nameSchema, score: z.number().min(0).max(1) }).strict();
export type Level = z.output<typeof levelSchema>;

const scaleSchema = z
  .object({ min: z.number(), max: z.number(), direction: z.enum(['higher_better', 'lower_better']), cap: z.number().optional() })
  .strict()
  .superRefine((s, ctx) => {
    if (!(s.max > s.min)) ctx.addIssue({ code: 'custom', path: ['max'], message: 'max must be greater than min' });
    else if (s.cap !== undefined && (s.cap < s.min || s.cap > s.max))
      ctx.addIssue({ code: 'custom', path: ['cap'], message: 'cap must lie between min and max' });
  });
export type Scale = z.output<typeof scaleSchema>;

const common = {
  key: keySchema,
  name_ar: nameSchema,
  name_en: nameSchema,
  guidance_ar: guidanceSchema,
  guidance_en: guidanceSchema,
  weight: z.number().positive(),
};

export interface QuestionNode {
  key: string;
  type: 'question';
  name_ar: string;
  name_en: string;
  guidance_ar?: string | undefined;
  guidance_en?: string | undefined;
  weight: number;
  answer_type: AnswerType;
  levels?: Level[] | undefined;
  scale?: Scale | undefined;
  automatic?: { source: string } | undefined;
  allow_na: boolean;
  /** Who enters the answer: the agency (the default) or the program office, which measures it itself. */
  entered_by?: 'agency' | 'office' | undefined;
  evidence: { required: boolean; description_ar?: string | undefined; description_en?: string | undefined };
  children?: [] | undefined;
}

export interface GroupNode {
  key: string;
  type: Exclude<NodeType, 'question'>;
  name_ar: string;
  name_en: string;
  guidance_ar?: string | undefined;
  guidance_en?: string | undefined;
  weight: number;
  method: Method;
  children: FrameworkNode[];
}

export type FrameworkNode = GroupNode | QuestionNode;

const questionSchema = z
  .object({
    ...common,
    type: z.literal('question'),
    answer_type: z.enum(answerTypes),
    levels: z.array(levelSchema).min(2).optional(),
    scale: scaleSchema.optional(),
    automatic: z.object({ source: sourceSchema }).strict().optional(),
    allow_na: z.boolean().default(false),
    entered_by: z.enum(['agency', 'office']).optional(),
    evidence: z
      .object({ required: z.boolean().default(false), description_ar: guidanceSchema, description_en: guidanceSchema })
      .strict()
      .default({ required: false }),
    children: z.tuple([], { error: 'a question is a leaf: it cannot have children' }).optional(),
  })
  .strict()
  .superRefine((q, ctx) => {
    const want = {
      levels: q.answer_type === 'levels',
      scale: q.answer_type === 'number' || q.answer_type === 'automatic',
      automatic: q.answer_type === 'automatic',
    };
    for (const field of ['levels', 'scale', 'automatic'] as const) {
      if (want[field] && q[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `required when answer_type is "${q.answer_type}"` });
      if (!want[field] && q[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `not allowed when answer_type is "${q.answer_type}"` });
    }
    q.levels?.forEach((l, i) => {
      if (q.levels?.findIndex((o) => o.key === l.key) !== i)
        ctx.addIssue({ code: 'custom', path: ['levels', i, 'key'], message: `duplicate level key "${l.key}"` });
    });
  });

const groupSchema = z
  .object({
    ...common,
    type: z.enum(['perspective', 'axis', 'indicator']),
    method: z.enum(methods).default('weighted_mean'),
    get children(): z.ZodArray<z.ZodType<FrameworkNode>> {
      return z.array(nodeSchema).min(1, 'a perspective, axis or indicator needs at least one child');
    },
  })
  .strict();

export const nodeSchema: z.ZodType<FrameworkNode> = z.discriminatedUnion('type', [groupSchema, questionSchema]);

/** Under "sum" the weights are shares of the node's full mark, so they must reach it (a small tolerance absorbs 0.1 × 10). */
function checkSum(children: FrameworkNode[], path: (string | number)[], ctx: z.RefinementCtx): void {
  const total = children.reduce((s, c) => s + c.weight, 0);
  if (total < 1 - 1e-9)
    ctx.addIssue({
      code: 'custom',
      path,
      message: `with method "sum" the children's weights are shares of the full mark and must total at least 1 (they total ${total})`,
    });
}

const rank: Record<NodeType, number> = { perspective: 0, axis: 1, indicator: 2, question: 3 };

export const frameworkSchema = z
  .object({
    id: keySchema,
    version: z.string().trim().min(1).max(40),
    name_ar: nameSchema,
    name_en: nameSchema,
    description_ar: guidanceSchema,
    description_en: guidanceSchema,
    settings: z
      .object({
        scale_max: z.number().positive().default(100),
        decimals: z.number().int().min(0).max(6).default(2),
        stages: z.array(stageSchema).optional(),
      })
      .strict()
      .default({ scale_max: 100, decimals: 2 })
      .transform((s) => ({ ...s, stages: s.stages ?? defaultStagesFor(s.scale_max) })),
    method: z.enum(methods).default('weighted_mean'),
    nodes: z.array(nodeSchema).min(1, 'a framework needs at least one node'),
  })
  .strict()
  .superRefine((f, ctx) => {
    // Keys are the join between the framework and the answers file, so they must be unique tree-wide.
    const seen = new Map<string, string>();
    const walk = (nodes: FrameworkNode[], path: (string | number)[], parentRank: number) => {
      nodes.forEach((n, i) => {
        const at = [...path, i];
        const where = at.join('.');
        const first = seen.get(n.key);
        if (first !== undefined)
          ctx.addIssue({ code: 'custom', path: [...at, 'key'], message: `duplicate key "${n.key}" (first used at ${first})` });
        else seen.set(n.key, where);
        if (rank[n.type] < parentRank)
          ctx.addIssue({ code: 'custom', path: [...at, 'type'], message: `a ${n.type} cannot sit inside a lower-level node` });
        if (n.type === 'question') return;
        if (n.method === 'sum') checkSum(n.children, [...at, 'children'], ctx);
        walk(n.children, [...at, 'children'], rank[n.type]);
      });
    };
    walk(f.nodes, ['nodes'], 0);
    if (f.method === 'sum') checkSum(f.nodes, ['nodes'], ctx);
    f.settings.stages.forEach((s, i, all) => {
      if (s.min > f.settings.scale_max)
        ctx.addIssue({ code: 'custom', path: ['settings', 'stages', i, 'min'], message: 'stage threshold exceeds the scale maximum' });
      if (i > 0 && !(s.min > all[i - 1].min))
        ctx.addIssue({ code: 'custom', path: ['settings', 'stages', i, 'min'], message: 'stage thresholds must increase strictly' });
      if (all.findIndex((o) => o.key === s.key) !== i)
        ctx.addIssue({ code: 'custom', path: ['settings', 'stages', i, 'key'], message: `duplicate stage key "${s.key}"` });
    });
  });

export type Framework = z.output<typeof frameworkSchema>;
export type FrameworkInput = z.input<typeof frameworkSchema>;

/** A framework file that does not validate; `issues` are "path: message" lines. */
export class FrameworkError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid framework:\n  ${issues.join('\n  ')}`);
    this.name = 'FrameworkError';
  }
}

/** "nodes[1].children[0]" with the node's key when the input has one, so an editor can find the spot. */
function describePath(input: unknown, path: readonly PropertyKey[]): string {
  let out = '';
  let cur: unknown = input;
  for (const seg of path) {
    cur = cur && typeof cur === 'object' ? (cur as Record<PropertyKey, unknown>)[seg] : undefined;
    out += typeof seg === 'number' ? `[${seg}]` : `${out ? '.' : ''}${String(seg)}`;
    const key = cur && typeof cur === 'object' && !Array.isArray(cur) ? (cur as { key?: unknown }).key : undefined;
    if (typeof seg === 'number' && typeof key === 'string') out += `{${key}}`;
  }
  return out || '(root)';
}

/** Validates a parsed framework JSON document, throwing a FrameworkError that lists every problem. */
export function parseFramework(input: unknown): Framework {
  const r = frameworkSchema.safeParse(input);
  if (r.success) return r.data;
  throw new FrameworkError(r.error.issues.map((i) => `${describePath(input, i.path)}: ${i.message}`));
}

/** Every question in the tree, in document order. */
export function questionsOf(framework: Framework): QuestionNode[] {
  const out: QuestionNode[] = [];
  const walk = (nodes: FrameworkNode[]) => {
    for (const n of nodes) n.type === 'question' ? out.push(n) : walk(n.children);
  };
  walk(framework.nodes);
  return out;
}
