/**
 * Consumer tokens: `pd_<id>_<secret>`. The id is public (it names the token in lists, logs and
 * the audit); only the SHA-256 of the secret is stored, and presented secrets are compared with
 * the stored hash in constant time.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, TokenRecord } from '../store/store.js';

const TOKEN = /^pd_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** SHA-256 of a text, hex. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Splits a token into its id and secret, or undefined when it is not shaped like one. */
export function parseToken(token: string): { id: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  return match === null ? undefined : { id: match[1], secret: match[2] };
}

/** Whether a secret hashes to the stored hash (constant time). */
export function secretMatches(secret: string, secretHash: string): boolean {
  const given = createHash('sha256').update(secret).digest();
  const expected = Buffer.from(secretHash, 'hex');
  return expected.length === given.length && timingSafeEqual(given, expected);
}

/**
 * Creates a token for a consumer, stores its hash and returns the token (shown once, never stored).
 *
 * @example
 * const { token, record } = await issueToken(store, 'bidder', Date.now());
 * console.log(token); // pd_3f9a0c1d2e4b_…
 */
export async function issueToken(store: Store, consumer: string, at: number): Promise<{ token: string; record: TokenRecord }> {
  const id = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const record: TokenRecord = { id, consumer, secretHash: sha256Hex(secret), createdAt: at, revokedAt: null };
  await store.createToken(record);
  return { token: `pd_${id}_${secret}`, record };
}

/** A random admin token, shaped like a consumer token but stored nowhere (only its hash is kept in memory). */
export function generateAdminToken(): string {
  return `pd_${randomBytes(6).toString('hex')}_${randomBytes(32).toString('base64url')}`;
}
