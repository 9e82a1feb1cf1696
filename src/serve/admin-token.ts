import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Whether an `Authorization` header carries the admin token (its SHA-256 compared with the
 * stored hash in constant time).
 *
 * @example
 * isAdminAuthorization(`Bearer ${token}`, sha256Hex(token)); // true
 */
export function isAdminAuthorization(header: string | undefined, adminTokenHash: string): boolean {
  if (header === undefined) return false;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (match === null) return false;
  const given = createHash('sha256').update(match[1]).digest();
  const expected = Buffer.from(adminTokenHash, 'hex');
  return expected.length === given.length && timingSafeEqual(given, expected);
}
