/**
 * Yusr's own vocabularies dereference (issue 13): `/vocab/<scheme>` and `/vocab/<scheme>/<code>`,
 * the IRIs the CPSV-AP export writes and the import reads, answer SKOS as JSON-LD — or, for a
 * browser asking for HTML, redirect to the page in the reader's language (`/ar|en/vocab/…`), which
 * lists every concept with its code and both labels.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { NotFoundError } from '../../../platform/http/errors.ts';
import { sendPage } from '../../../platform/views/render.tsx';
import * as repo from '../catalog.repo.ts';
import { VocabularyPage } from '../views/vocab.views.tsx';
import { ADMS_STATUS, admsMatch, type Bilingual, conceptIri, NS, type SchemeName, schemeIri, schemes, slug } from './vocab.ts';

export type VocabScheme = SchemeName | 'category';
export type VocabConcept = { code: string; slug: string; label: Bilingual; closeMatch?: string };

/** The concepts of one of our schemes (topics come from the taxonomy), or 404. */
export async function loadScheme(
  deps: FastifyInstance['deps'],
  scheme: string,
): Promise<{ scheme: VocabScheme; concepts: VocabConcept[] }> {
  if (scheme === 'category') {
    const terms = await repo.listTerms(deps.db, 'category');
    return {
      scheme,
      concepts: terms.map((t) => ({ code: t.code, slug: encodeURIComponent(t.code), label: { ar: t.name_ar, en: t.name_en } })),
    };
  }
  if (!Object.hasOwn(schemes, scheme)) throw new NotFoundError();
  const s = schemes[scheme as SchemeName];
  return {
    scheme: scheme as SchemeName,
    concepts: (s.codes as readonly string[]).map((code) => ({
      code,
      slug: slug(code),
      label: (s.labels as Record<string, Bilingual>)[code] ?? { ar: code, en: code },
      ...(scheme === 'status' ? { closeMatch: ADMS_STATUS + admsMatch[code as keyof typeof admsMatch] } : {}),
    })),
  };
}

function jsonLd(base: string, scheme: VocabScheme, concepts: VocabConcept[]) {
  return {
    '@context': { skos: NS.skos, dct: NS.dct },
    '@graph': [
      {
        '@id': schemeIri(base, scheme),
        '@type': 'skos:ConceptScheme',
        'dct:title': { '@value': `Yusr ${scheme}`, '@language': 'en' },
        'skos:hasTopConcept': concepts.map((c) => ({ '@id': conceptIri(base, scheme, c.code) })),
      },
      ...concepts.map((c) => ({
        '@id': conceptIri(base, scheme, c.code),
        '@type': 'skos:Concept',
        'skos:prefLabel': [
          { '@value': c.label.ar, '@language': 'ar' },
          { '@value': c.label.en, '@language': 'en' },
        ],
        'skos:notation': c.code,
        'skos:inScheme': { '@id': schemeIri(base, scheme) },
        ...(c.closeMatch ? { 'skos:closeMatch': { '@id': c.closeMatch } } : {}),
      })),
    ],
  };
}

const wantsHtml = (req: FastifyRequest) => {
  const accept = String(req.headers.accept ?? '');
  return /text\/html/.test(accept) && !/application\/(ld\+)?json/.test(accept);
};
const readerLang = (req: FastifyRequest) => (/^\s*en/i.test(String(req.headers['accept-language'] ?? '')) ? 'en' : 'ar');

/** The IRIs themselves (no language prefix): JSON-LD, or a redirect to the page for a browser. */
export async function vocabRoutes(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const answer = async (req: FastifyRequest, reply: FastifyReply, scheme: string, code?: string) => {
    const s = await loadScheme(deps, scheme);
    const concepts = code === undefined ? s.concepts : s.concepts.filter((c) => c.slug === code || c.code === code);
    if (!concepts.length && code !== undefined) throw new NotFoundError();
    if (wantsHtml(req)) return reply.redirect(`/${readerLang(req)}${req.url.split('?')[0]}`, 303);
    return reply
      .header('cache-control', 'public, max-age=300')
      .header('vary', 'accept, accept-language')
      .type('application/ld+json; charset=utf-8')
      .send(JSON.stringify(jsonLd(deps.config.baseUrl, s.scheme, concepts)));
  };
  const pub = { config: { access: 'public' as const } };
  app.get('/vocab/:scheme', pub, async (req, reply) => answer(req, reply, (req.params as { scheme: string }).scheme));
  app.get('/vocab/:scheme/:code', pub, async (req, reply) => {
    const p = req.params as { scheme: string; code: string };
    return answer(req, reply, p.scheme, p.code);
  });
}

/** The human pages, in both languages under /ar and /en. */
export async function vocabPages(app: FastifyInstance): Promise<void> {
  const deps = app.deps;
  const pub = { config: { access: 'public' as const } };
  const page = async (req: FastifyRequest, reply: FastifyReply, scheme: string, code?: string) => {
    const s = await loadScheme(deps, scheme);
    const concepts = code === undefined ? s.concepts : s.concepts.filter((c) => c.slug === code || c.code === code);
    if (!concepts.length && code !== undefined) throw new NotFoundError();
    return sendPage(req, reply, <VocabularyPage scheme={s.scheme} concepts={concepts} base={deps.config.baseUrl} />);
  };
  app.get('/vocab/:scheme', pub, async (req, reply) => page(req, reply, (req.params as { scheme: string }).scheme));
  app.get('/vocab/:scheme/:code', pub, async (req, reply) => {
    const p = req.params as { scheme: string; code: string };
    return page(req, reply, p.scheme, p.code);
  });
}
