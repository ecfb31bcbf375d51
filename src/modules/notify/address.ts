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
