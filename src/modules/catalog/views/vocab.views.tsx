import { usePage } from '../../../platform/views/context.ts';
import { Layout, PageHeading } from '../../../platform/views/Layout.tsx';
import type { VocabConcept, VocabScheme } from '../cpsv/vocab.pages.tsx';
import { conceptIri, schemeIri } from '../cpsv/vocab.ts';

/** One of Yusr's vocabularies as people read it: each concept's IRI, code and labels in both languages. */
export function VocabularyPage({ scheme, concepts, base }: { scheme: VocabScheme; concepts: VocabConcept[]; base: string }) {
  const { t } = usePage();
  const title = t('vocab.title', { scheme });
  return (
    <Layout title={title}>
      <PageHeading title={title} lead={t('vocab.lead')} />
      <p>
        <a href={schemeIri(base, scheme)} type="application/ld+json" class="ltr">
          {schemeIri(base, scheme)}
        </a>
      </p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('vocab.code')}</th>
              <th scope="col">{t('vocab.label_ar')}</th>
              <th scope="col">{t('vocab.label_en')}</th>
              <th scope="col">{t('vocab.iri')}</th>
            </tr>
          </thead>
          <tbody>
            {concepts.map((c) => (
              <tr key={c.code}>
                <td class="ltr">{c.code}</td>
                <td lang="ar" dir="rtl">
                  {c.label.ar}
                </td>
                <td lang="en" dir="ltr">
                  {c.label.en}
                </td>
                <td class="ltr">
                  {conceptIri(base, scheme, c.code)}
                  {c.closeMatch ? (
                    <>
                      <br />
                      skos:closeMatch {c.closeMatch}
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Layout>
  );
}
