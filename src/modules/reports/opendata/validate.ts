/**
 * Validates the open-data catalogue against the official DCAT-AP 3.0.1 SHACL shapes kept in
 * shapes/ (see shapes/README.md): the cardinality shapes and the range shapes together.
 */
import { readFileSync } from 'node:fs';
import { Parser, Store } from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import { toNQuads } from './dcat.ts';

let shapes: Store | undefined;
function loadShapes(): Store {
  if (!shapes) {
    const store = new Store();
    for (const file of ['dcat-ap-3.0.1-SHACL.ttl', 'dcat-ap-3.0.1-ranges.ttl'])
      store.addQuads(new Parser().parse(readFileSync(new URL(`./shapes/${file}`, import.meta.url), 'utf8')));
    shapes = store;
  }
  return shapes;
}

export interface Violation {
  focusNode: string;
  path?: string;
  message: string;
  severity: string;
  value?: string;
}

/** Validates RDF given as N-Quads (or N-Triples) text; only violations (not warnings) make it fail. */
export async function validateDcat(nquads: string): Promise<{ conforms: boolean; violations: Violation[]; quads: number }> {
  const data = new Store(new Parser({ format: 'N-Quads' }).parse(nquads));
  const report = await new SHACLValidator(loadShapes()).validate(data);
  const short = (t: { value: string } | null | undefined) => t?.value ?? '';
  const violations = report.results
    .map((r) => ({
      focusNode: short(r.focusNode),
      path: r.path ? short(r.path) : undefined,
      message: r.message.map((m) => m.value).join('; '),
      severity: short(r.severity).replace('http://www.w3.org/ns/shacl#', ''),
      value: r.value ? short(r.value) : undefined,
    }))
    .filter((v) => v.severity === 'Violation');
  return { conforms: violations.length === 0, violations, quads: data.size };
}

/** The JSON-LD document validated. */
export async function validateDcatJsonLd(doc: object) {
  return validateDcat(await toNQuads(doc));
}
