import { Csrf, type Errors, Field, PostButton } from '../../../platform/views/components.tsx';
import { usePage } from '../../../platform/views/context.ts';
import {
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_FILES,
  ATTACHMENT_MAX_TOTAL,
  type AttachmentRow,
  shownName,
} from '../attachments.ts';
import { Head } from './common.tsx';

const MB = 1024 * 1024;

/**
 * A nomination's supporting documents: a table of links (names hidden from judges in a blind branch),
 * and while the owner may still change the draft, a one-file upload form (works without script) and a
 * remove button per document. `hidden` carries the entrant's signed link where there is one.
 */
export function AttachmentsBlock(p: {
  attachments: AttachmentRow[];
  link: (a: AttachmentRow) => string;
  upload?: string;
  remove?: (a: AttachmentRow) => string;
  hidden?: Record<string, string>;
  blind?: boolean;
  frozen?: boolean;
  errors?: Errors;
}) {
  const { t, href, num } = usePage();
  return (
    <section aria-labelledby="attachments-h">
      <h2 id="attachments-h">{t('award.attachment.title')}</h2>
      <p>{t('award.attachment.count', { count: p.attachments.length, max: ATTACHMENT_MAX_FILES })}</p>
      {p.attachments.length === 0 ? (
        <p>{t('award.attachment.none')}</p>
      ) : (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <caption>{t('award.attachment.caption')}</caption>
            <Head cols={[t('award.attachment.file'), t('award.attachment.size'), ...(p.remove ? [t('award.attachment.remove')] : [])]} />
            <tbody>
              {p.attachments.map((a, i) => (
                <tr key={a.id}>
                  <td>
                    <a href={href(p.link(a))} dir="auto">
                      {shownName(a, i, p.blind === true)}
                    </a>
                  </td>
                  <td>{`${num(a.size / 1024, { maximumFractionDigits: 0 })} KB`}</td>
                  {p.remove ? (
                    <td>
                      <PostButton
                        action={href(p.remove(a))}
                        label={t('award.attachment.remove')}
                        confirm={t('award.attachment.remove_confirm')}
                        tone="danger"
                        fields={p.hidden}
                      />
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {p.frozen ? <p>{t('award.attachment.frozen')}</p> : null}
      {p.upload ? (
        <form method="post" action={href(p.upload)} class="panel" enctype="multipart/form-data">
          <Csrf />
          {Object.entries(p.hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} key={k} />
          ))}
          <Field
            name="file"
            type="file"
            label={t('award.attachment.file')}
            hint={t('award.attachment.hint', {
              count: ATTACHMENT_MAX_FILES,
              mb: ATTACHMENT_MAX_BYTES / MB,
              total: ATTACHMENT_MAX_TOTAL / MB,
            })}
            accept={ATTACHMENT_KINDS.map((k) => `.${k === 'jpg' ? 'jpg,.jpeg' : k}`).join(',')}
            errors={p.errors}
          />
          <button type="submit" class="button secondary">
            {t('award.attachment.upload')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
