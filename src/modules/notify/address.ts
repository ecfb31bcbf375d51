/**
 * Addresses we refuse before sending anything: malformed ones, reserved domains, and throwaway
 * inboxes (a subscription there is either a test or someone else's mischief).
 */
const DISPOSABLE_DOMAINS = new Set([
  '10minutemail.com',
  '20minutemail.com',
  'burnermail.io',
  'discard.email',
  'dispostable.com',
  'emailondeck.com',
  'fakeinbox.com',
  'getairmail.com',
  'getnada.com',
  'guerrillamail.com',
  'guerrillamail.net',
  'guerrillamailblock.com',
  'harakirimail.com',
  'mailcatch.com',
  'maildrop.cc',
  'mailinator.com',
  'mailnesia.com',
  'mintemail.com',
  'mohmal.com',
  'moakt.com',
  'mytemp.email',
  'sharklasers.com',
  'spamgourmet.com',
  'temp-mail.org',
  'tempmail.com',
  'tempmailo.com',
  'tempr.email',
  'throwawaymail.com',
  'trashmail.com',
  'yopmail.com',
]);

/** Domains whose name says what they are, e.g. "temp-mail.io" or "throwaway-inbox.net". */
const DISPOSABLE_LOOKING = /(^|[.-])(temp|tmp|trash|throwaway|disposable|fake|burner|spam|10min|minute)[-]?(mail|inbox|box|email)\b/;
const RESERVED_TLD = /\.(test|example|invalid|localhost|local)$/;

/** Control characters (C0, DEL, and the Unicode line and paragraph separators); line breaks and tabs may be allowed. */
export function hasControlChars(s: string, allowLineBreaks = false): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (allowLineBreaks && (c === 9 || c === 10 || c === 13)) continue;
    if (c < 32 || c === 127 || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** Lower-cases and trims an address; anything with line breaks or spaces inside stays as it is (and fails). */
export const normalizeEmail = (raw: string) => raw.trim().toLowerCase();

/** Why an (already syntactically valid) address is refused, or null when it is fine. */
export function addressProblem(email: string): 'notify.validation.disposable' | 'validation.email' | null {
  const local = email.replace(/@[^@]*$/, '');
  if (email.length > 254 || /[\s"<>()[\]\\,;:]/.test(local) || hasControlChars(email)) return 'validation.email';
  const at = email.lastIndexOf('@');
  const domain = email.slice(at + 1);
  if (at < 1 || !/^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,24}$/.test(domain) || domain.includes('--.') || RESERVED_TLD.test(domain)) {
    return 'validation.email';
  }
  const parts = domain.split('.');
  for (let i = 0; i < parts.length - 1; i++) if (DISPOSABLE_DOMAINS.has(parts.slice(i).join('.'))) return 'notify.validation.disposable';
  if (DISPOSABLE_LOOKING.test(domain)) return 'notify.validation.disposable';
  return null;
}

/** A phone number as E.164 (+9665…), accepting the local forms Saudis write (05…, 9665…, 00966…), or null. */
export function normalizePhone(raw: string): string | null {
  let p = raw.replace(/[\s()-]/g, '');
  if (/[^+0-9]/.test(p)) return null;
  if (p.startsWith('00')) p = `+${p.slice(2)}`;
  else if (/^05\d{8}$/.test(p)) p = `+966${p.slice(1)}`;
  else if (/^9665\d{8}$/.test(p)) p = `+${p}`;
  return /^\+[1-9]\d{7,14}$/.test(p) ? p : null;
}
