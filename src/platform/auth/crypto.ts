import { createHash, createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(scryptCb) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
/** scrypt's work factors: N (CPU and memory cost, a power of two), r (block size) and p (parallelism). */
export type ScryptCost = { N: number; r: number; p: number };
/** The cost of every password Yusr hashes (32 MB and about 0.1 s a hash on one core). */
export const PASSWORD_HASH_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };
const SCRYPT = { ...PASSWORD_HASH_COST, maxmem: 64 * 1024 * 1024 };

/**
 * An scrypt hash in a self-describing string: scrypt$N$r$p$salt$hash. Verification reads the cost
 * from the string, so only the test factories pass a cheaper `cost` (for their one shared password).
 */
export async function hashPassword(password: string, cost: ScryptCost = PASSWORD_HASH_COST): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scrypt(password.normalize('NFKC'), salt, 32, { ...cost, maxmem: SCRYPT.maxmem });
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  if (!stored) return false;
  const [algo, n, r, p, salt, hash] = stored.split('$');
  if (algo !== 'scrypt') return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64url'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: SCRYPT.maxmem,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * A well-formed hash no password matches (its salt and digest are arbitrary), checked when an email
 * is unknown or has no password yet, so those answers cost the same scrypt work as a wrong password.
 */
export const DUMMY_PASSWORD_HASH = `scrypt$${SCRYPT.N}$${SCRYPT.r}$${SCRYPT.p}$ZHVtbXktc2FsdC15dXNyIQ$${'A'.repeat(43)}`;

/** The password functions behind one object, so a test can see that every sign-in runs scrypt. */
export const passwordHasher = { hash: hashPassword, verify: verifyPassword };

/** A random, URL-safe token with `bytes` of entropy. */
export const randomToken = (bytes = 32) => randomBytes(bytes).toString('base64url');

/** Tokens are high-entropy, so a plain SHA-256 is the right stored form. */
export const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function hmac(secret: string, data: string): string {
  return createHmac('sha256', secret).update(data).digest('base64url');
}

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * A signed, expiring token carrying a small payload, for links that act without a password
 * (subscription management, case status). Purpose-bound so one kind cannot be used as another.
 */
export function signToken(secret: string, purpose: string, payload: Record<string, unknown>, expiresAt: Date): string {
  const body = Buffer.from(JSON.stringify({ ...payload, exp: Math.floor(expiresAt.getTime() / 1000) })).toString('base64url');
  return `${body}.${hmac(secret, `${purpose}.${body}`)}`;
}

/** The payload of a valid token, or null when it is forged, of another purpose or expired. */
export function verifyToken<T extends Record<string, unknown>>(secret: string, purpose: string, token: string): T | null {
  const [body, mac] = token.split('.');
  if (!body || !mac || !safeEqual(mac, hmac(secret, `${purpose}.${body}`))) return null;
  try {
    const data = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T & { exp: number };
    if (typeof data.exp !== 'number' || data.exp * 1000 < Date.now()) return null;
    return data;
  } catch {
    return null;
  }
}
