import { Parser } from 'htmlparser2';
import type { Client } from './client.ts';

export interface RenderedForm {
  action: string;
  method: string;
  /** Every successful control a browser would submit, in document order: [name, value]. */
  fields: [string, string][];
}

/** The forms of a rendered page, read with an HTML parser (inputs, selects with their selected option, textareas). */
export function readForms(html: string): RenderedForm[] {
  const forms: RenderedForm[] = [];
  let form: RenderedForm | null = null;
  let select: { name: string; value: string | null; first: string | null } | null = null;
  let textarea: { name: string; text: string } | null = null;
  const parser = new Parser(
    {
      onopentag(tag, a) {
        if (tag === 'form') {
          form = { action: a.action ?? '', method: (a.method ?? 'get').toLowerCase(), fields: [] };
          forms.push(form);
          return;
        }
        if (!form || a.disabled !== undefined) return;
        if (tag === 'input' && a.name) {
          const type = (a.type ?? 'text').toLowerCase();
          if (['submit', 'button', 'reset', 'image', 'file'].includes(type)) return;
          if ((type === 'checkbox' || type === 'radio') && a.checked === undefined) return;
          form.fields.push([a.name, a.value ?? (type === 'checkbox' || type === 'radio' ? 'on' : '')]);
        } else if (tag === 'select' && a.name) {
          select = { name: a.name, value: null, first: null };
        } else if (tag === 'option' && select) {
          const v = a.value ?? '';
          select.first ??= v;
          if (a.selected !== undefined) select.value = v;
        } else if (tag === 'textarea' && a.name) {
          textarea = { name: a.name, text: '' };
        }
      },
      ontext(text) {
        if (textarea) textarea.text += text;
      },
      onclosetag(tag) {
        if (tag === 'form') form = null;
        if (tag === 'select' && select && form) {
          (form as RenderedForm).fields.push([select.name, select.value ?? select.first ?? '']);
          select = null;
        }
        if (tag === 'textarea' && textarea && form) {
          (form as RenderedForm).fields.push([textarea.name, textarea.text]);
          textarea = null;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.write(html);
  parser.end();
  return forms;
}

/**
 * Submits a page's form the way a browser does: every field the form renders (hidden ones
 * included), with `fill` typed into named fields. Filling a field the form does not have throws.
 */
export async function submitForm(client: Client, html: string, fill: Record<string, string>, action?: RegExp) {
  const forms = readForms(html).filter((f) => f.method === 'post' && (!action || action.test(f.action)));
  if (forms.length === 0) throw new Error(`no POST form${action ? ` with an action matching ${action}` : ''} on the page`);
  // Without an action to match, the first form that has every field to fill (the header's sign-out form has none).
  const hasAll = (f: RenderedForm) => Object.keys(fill).every((name) => f.fields.some(([n]) => n === name));
  const form = action ? forms[0] : (forms.find(hasAll) ?? forms[0]);
  const names = new Set(form.fields.map(([n]) => n));
  for (const name of Object.keys(fill)) if (!names.has(name)) throw new Error(`the form has no field "${name}"`);
  const csrf = form.fields.find(([n]) => n === '_csrf')?.[1];
  const body: Record<string, string[]> = {};
  for (const [name, value] of form.fields) {
    if (name === '_csrf') continue;
    body[name] ??= [];
    body[name].push(name in fill ? fill[name] : value);
  }
  return client.post(form.action, body, { csrf: csrf ?? false });
}
