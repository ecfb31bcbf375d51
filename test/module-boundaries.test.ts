// Module boundaries, read from the code (issue 11, "Public ports"; ARCHITECTURE.md, "Layout").
//
// - A module's `public.ts` is the only file of it that another module may import. Its `testing.ts`
//   (fixtures, test kits, use cases that seed data) may be imported by test code only: *.test.ts
//   files, test/** and bench/**. Its `index.ts` (the manifest) by the composition root
//   (src/app.ts, src/main.ts, src/modules.ts, src/demo/**) and by test code (a test may load another
//   module's demo data through its manifest).
// - Modules depend only downwards (LAYERS): catalog reads none of notify, feedback or measure;
//   notify and feedback read catalog; measure reads them all through their metric functions.
//   A new module declares what it reads here before it imports anything of another module.
// - The platform knows no domain: no file of src/platform/** (its tests excepted: they run the
//   assembled app) imports src/modules/**, directly or at run time through a file outside the
//   platform (src/messages.ts, src/db.ts, …). Type-only imports of such a file are not followed:
//   the `DB` and `MessageKey` types are assembled from the modules on purpose.
//
// Imports are read with TypeScript's parser: `import … from`, `export … from`, `import '…'`,
// `import('…')` (also in types) and `declare module '…'`, relative paths resolved against the importing file.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** What each module may import of other modules (always through their public.ts); biome.json's overrides say the same. Identity is read by all. */
const LAYERS: Record<string, string[]> = {
  identity: [],
  console: ['identity'],
  credentials: [],
  site: [],
  catalog: ['identity', 'console', 'reports'],
  notify: ['identity', 'console', 'catalog', 'reports'],
  feedback: ['identity', 'console', 'catalog', 'reports'],
  measure: ['identity', 'console', 'catalog', 'notify', 'feedback', 'plan', 'kpi', 'reports'],
  // Plan fills participate's point for the initiatives consultations and ideas link to.
  plan: ['identity', 'console', 'catalog', 'participate', 'reports'],
  advisory: ['identity', 'console', 'catalog', 'feedback', 'plan', 'reports'],
  // Award freezes a service's CX figures (feedback) and the agency's published score (measure) into a nomination.
  award: ['identity', 'catalog', 'plan', 'feedback', 'measure', 'reports'],
  training: ['identity', 'console', 'reports'],
  participate: ['identity', 'console', 'catalog', 'notify', 'reports'],
  availability: ['identity', 'console', 'catalog', 'notify', 'reports'],
  kpi: ['identity', 'catalog', 'feedback', 'reports'],
  privacy: ['identity', 'console', 'site'],
  reports: ['identity', 'console'],
};

/**
 * Violations that exist today and are being removed under issue 11 (file → import; both patterns).
 * A listed entry that no longer matches anything fails too: delete it here when its fix lands.
 */
const KNOWN: { from: RegExp; to: RegExp; why: string }[] = [
  {
    from: /^(src\/demo\/|test\/readme\.test\.ts$)/,
    to: /^src\/modules\/(catalog\/catalog\.schema|catalog\/search-quality\/judged-queries|identity\/demo\.data)\.ts$/,
    why: "issue 11, manifests: the demo data generators in src/demo move into their modules' manifests",
  },
];

interface Import {
  spec: string;
  line: number;
  /** Erased at run time (import type, export type, or only `type` specifiers). */
  typeOnly: boolean;
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== 'node_modules') sourceFiles(p, out);
    } else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Import[] = [];
  const add = (lit: ts.Node, typeOnly: boolean) => {
    if (ts.isStringLiteralLike(lit))
      out.push({ spec: lit.text, line: sf.getLineAndCharacterOfPosition(lit.getStart(sf)).line + 1, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const c = node.importClause;
      const allTypeSpecifiers =
        !!c &&
        !c.name &&
        !!c.namedBindings &&
        ts.isNamedImports(c.namedBindings) &&
        c.namedBindings.elements.length > 0 &&
        c.namedBindings.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, !!c && (c.isTypeOnly || allTypeSpecifiers));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      const allTypeSpecifiers =
        !!node.exportClause &&
        ts.isNamedExports(node.exportClause) &&
        node.exportClause.elements.length > 0 &&
        node.exportClause.elements.every((e) => e.isTypeOnly);
      add(node.moduleSpecifier, node.isTypeOnly || allTypeSpecifiers);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0]) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      add(node.name, true); // `declare module '…'` augments that file's types
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The repository-relative path a relative import names (bare package names give undefined). */
function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  return relative(root, resolve(root, dirname(from), spec))
    .split(sep)
    .join('/');
}

const moduleOf = (file: string) => /^src\/modules\/([^/]+)\//.exec(file)?.[1];
const isTestCode = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith('test/') || file.startsWith('bench/');
const isCompositionRoot = (file: string) => ['src/app.ts', 'src/main.ts', 'src/modules.ts'].includes(file) || file.startsWith('src/demo/');

const files = ['src', 'test', 'bench', 'scripts'].flatMap((d) => sourceFiles(d)).sort();
const graph: Graph = new Map(files.map((f) => [f, importsOf(f).map((i) => ({ ...i, target: resolveImport(f, i.spec) }))]));

/** Why `from` may not import `target` (another module's file), or null when it may. */
function crossModuleRule(from: string, target: string): string | null {
  const to = moduleOf(target);
  const own = moduleOf(from);
  if (!to || to === own) return null;
  const file = target.slice(`src/modules/${to}/`.length);
  if (own) {
    const may = LAYERS[own];
    if (!may) return `module "${own}" is not in LAYERS: declare which modules it reads`;
    if (!may.includes(to))
      return `"${own}" may not depend on "${to}" (modules depend only downwards: ${own} reads ${may.join(', ') || 'no module'})`;
  }
  if (file === 'public.ts') return null;
  if (file === 'testing.ts' && isTestCode(from)) return null;
  if (file === 'index.ts' && (isTestCode(from) || (!own && isCompositionRoot(from)))) return null;
  if (file === 'testing.ts') return `testing.ts is for test code only; use ${to}/public.ts`;
  return `private file of "${to}": import ${to}/public.ts${isTestCode(from) ? ' (or testing.ts)' : ''}`;
}

type Graph = Map<string, (Import & { target?: string })[]>;

/**
 * Why a platform file's import reaches into src/modules, as the chain of files, or null. A file
 * outside both the platform and the modules (src/messages.ts, src/db.ts) is followed through its
 * run-time imports; type-only imports of it are not.
 */
function platformReach(g: Graph, i: Import & { target?: string }): string[] | null {
  if (!i.target || i.target.startsWith('src/platform/')) return null;
  if (i.target.startsWith('src/modules/')) return [i.target];
  if (i.typeOnly) return null;
  const seen = new Set<string>([i.target]);
  const walk = (file: string): string[] | null => {
    for (const next of g.get(file) ?? []) {
      if (!next.target || next.typeOnly || next.target.startsWith('src/platform/') || seen.has(next.target)) continue;
      if (next.target.startsWith('src/modules/')) return [next.target];
      seen.add(next.target);
      const rest = walk(next.target);
      if (rest) return [next.target, ...rest];
    }
    return null;
  };
  const rest = walk(i.target);
  return rest ? [i.target, ...rest] : null;
}

interface Violation {
  from: string;
  line: number;
  to: string;
  why: string;
}

function violations(): Violation[] {
  const out: Violation[] = [];
  for (const [from, imports] of graph) {
    for (const i of imports) {
      if (!i.target) continue;
      const why = crossModuleRule(from, i.target);
      if (why) out.push({ from, line: i.line, to: i.target, why });
    }
    if (from.startsWith('src/platform/') && !isTestCode(from)) {
      for (const i of imports) {
        const reach = platformReach(graph, i);
        if (reach)
          out.push({ from, line: i.line, to: reach.join(' → '), why: 'the platform knows no domain: it may not reach src/modules' });
      }
    }
  }
  return out;
}

const isKnown = (v: Violation) => KNOWN.some((k) => k.from.test(v.from) && k.to.test(v.to));

describe('module boundaries', () => {
  it('every module is in LAYERS and has a public.ts', () => {
    const mods = readdirSync(join(root, 'src/modules'), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    assert.deepEqual(
      mods.filter((m) => !LAYERS[m]),
      [],
      'modules missing from LAYERS',
    );
    assert.deepEqual(
      mods.filter((m) => !graph.has(`src/modules/${m}/public.ts`)),
      [],
      'modules without public.ts',
    );
  });

  it('no file imports another module past its public.ts, upwards, or from the platform', () => {
    const found = violations().filter((v) => !isKnown(v));
    const report = found.map((v) => `  ${v.from}:${v.line} → ${v.to}\n      ${v.why}`).join('\n');
    assert.equal(found.length, 0, `${found.length} import(s) break the module boundaries:\n${report}`);
  });

  it('every known exception still occurs (delete the ones that were fixed)', () => {
    const all = violations();
    const stale = KNOWN.filter((k) => !all.some((v) => k.from.test(v.from) && k.to.test(v.to)));
    assert.deepEqual(
      stale.map((k) => `${k.from} → ${k.to}`),
      [],
    );
  });

  it('the rules catch what they are meant to', () => {
    // The checker itself, on imports that do not exist in the code.
    assert.match(crossModuleRule('src/modules/feedback/cases.service.ts', 'src/modules/catalog/catalog.repo.ts') ?? '', /private file/);
    assert.equal(crossModuleRule('src/modules/feedback/cases.service.ts', 'src/modules/catalog/public.ts'), null);
    assert.match(crossModuleRule('src/modules/catalog/catalog.service.ts', 'src/modules/notify/public.ts') ?? '', /only downwards/);
    assert.match(crossModuleRule('src/modules/notify/delivery.ts', 'src/modules/catalog/testing.ts') ?? '', /test code only/);
    assert.equal(crossModuleRule('src/modules/notify/announcements.test.ts', 'src/modules/catalog/testing.ts'), null);
    assert.equal(crossModuleRule('test/helpers/catalog.ts', 'src/modules/catalog/testing.ts'), null);
    assert.match(crossModuleRule('test/helpers/catalog.ts', 'src/modules/catalog/catalog.repo.ts') ?? '', /private file/);
    assert.equal(crossModuleRule('src/modules.ts', 'src/modules/catalog/index.ts'), null);
    assert.match(crossModuleRule('src/modules/notify/jobs.ts', 'src/modules/catalog/index.ts') ?? '', /private file/);
    assert.equal(crossModuleRule('src/modules/notify/demo.test.ts', 'src/modules/catalog/index.ts'), null);
    assert.match(crossModuleRule('src/modules/unlisted/unlisted.service.ts', 'src/modules/catalog/public.ts') ?? '', /not in LAYERS/);
    const g: Graph = new Map([
      ['src/platform/x.ts', []],
      ['src/bridge.ts', [{ spec: './modules/catalog/public.ts', line: 1, typeOnly: false, target: 'src/modules/catalog/public.ts' }]],
    ]);
    const via = (typeOnly: boolean) => ({ spec: '../bridge.ts', line: 1, typeOnly, target: 'src/bridge.ts' });
    assert.deepEqual(platformReach(g, via(false)), ['src/bridge.ts', 'src/modules/catalog/public.ts']);
    assert.equal(platformReach(g, via(true)), null);
    assert.deepEqual(
      platformReach(g, { spec: '../modules/catalog/public.ts', line: 1, typeOnly: true, target: 'src/modules/catalog/public.ts' }),
      ['src/modules/catalog/public.ts'],
    );
  });
});
