/**
 * Validates a CPSV-AP JSON-LD document against the official CPSV-AP 3.2.0 SHACL shapes kept
 * beside this file (see SOURCE.md). Used by the tests; usable by an admin check of the live export.
 */
import { readFileSync } from 'node:fs';
import jsonld from 'jsonld';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';

export type Violation = {
  focusNode: string;
  path?: string;
  message: string;
  severity: string;
  constraint: string;
  shape: string;
  value?: string;
};

let shapes: Store | undefined;
function loadShapes(): Store {
  shapes ??= new Store(new Parser().parse(readFileSync(new URL('./cpsv-ap-3.2.0-SHACL.ttl', import.meta.url), 'utf8')));
  return shapes;
}

/** JSON-LD → RDF quads (N-Quads via jsonld, parsed by n3). Safe mode: nothing may be silently dropped. */
export async function jsonLdToStore(doc: object): Promise<Store> {
  const nquads = (await jsonld.toRDF(
    doc as jsonld.JsonLdDocument,
    { format: 'application/n-quads', safe: true } as jsonld.Options.ToRdf,
  )) as unknown as string;
  return new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
}

export async function validateCpsv(doc: object): Promise<{ conforms: boolean; violations: Violation[]; quads: number }> {
  const data = await jsonLdToStore(doc);
  const report = await new SHACLValidator(loadShapes()).validate(data);
  const short = (t: { value: string } | null | undefined) => t?.value ?? '';
  const violations = report.results.map((r) => ({
    focusNode: short(r.focusNode),
    path: r.path ? short(r.path) : undefined,
    message: r.message.map((m) => m.value).join('; '),
    severity: short(r.severity).replace('http://www.w3.org/ns/shacl#', ''),
    constraint: short(r.sourceConstraintComponent).replace('http://www.w3.org/ns/shacl#', ''),
    shape: short(r.sourceShape).replace(/^.*cpsv-ap-SHACL\.ttl#/, ''),
    value: r.value ? short(r.value) : undefined,
  }));
  return { conforms: report.conforms, violations, quads: data.size };
}

export function formatViolations(violations: Violation[]): string {
  return violations
    .map(
      (v) =>
        `${v.severity} ${v.constraint} on <${v.focusNode}> ${v.path ? `path <${v.path}>` : ''}${v.value ? ` value ${v.value}` : ''}: ${v.message} [${v.shape}]`,
    )
    .join('\n');
}
