import type { Store, TokenRecord } from '../store/store.js';
import { parseToken, secretMatches } from './token.js';

/** Who is calling, or why nobody is. */
export type Caller =
  | { readonly ok: true; readonly consumer: string; readonly tokenId: string }
  | { readonly ok: false; readonly reason: 'missing' | 'malformed' | 'unknown' | 'revoked'; readonly consumer?: string; readonly tokenId?: string };

/**
 * Checks `Authorization: Bearer pd_…` headers against the stored tokens. Token rows are cached
 * for `cacheMs` (default 1,000 ms) so the gateway does not read the store on every call; a
 * revocation therefore takes effect within that time on every replica.
 *
 * @example
 * const verifier = new TokenVerifier(store, () => Date.now());
 * const caller = await verifier.verify(request.headers.get('authorization') ?? undefined);
 */
export class TokenVerifier {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #cacheMs: number;
  readonly #cache = new Map<string, { record: TokenRecord | undefined; at: number }>();

  constructor(store: Store, now: () => number, cacheMs = 1_000) {
    this.#store = store;
    this.#now = now;
    this.#cacheMs = cacheMs;
  }

  async verify(header: string | undefined): Promise<Caller> {
    if (header === undefined || header === '') return { ok: false, reason: 'missing' };
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const parsed = match === null ? undefined : parseToken(match[1]);
    if (parsed === undefined) return { ok: false, reason: 'malformed' };
    const record = await this.#lookup(parsed.id);
    if (record === undefined || !secretMatches(parsed.secret, record.secretHash)) return { ok: false, reason: 'unknown' };
    if (record.revokedAt !== null) return { ok: false, reason: 'revoked', consumer: record.consumer, tokenId: record.id };
    return { ok: true, consumer: record.consumer, tokenId: record.id };
  }

  /** Forgets a cached token (after this process revoked it). */
  forget(id: string): void {
    this.#cache.delete(id);
  }

  async #lookup(id: string): Promise<TokenRecord | undefined> {
    const now = this.#now();
    const cached = this.#cache.get(id);
    if (cached !== undefined && now - cached.at < this.#cacheMs && cached.record !== undefined) return cached.record;
    const record = await this.#store.findToken(id);
    if (record !== undefined) {
      if (this.#cache.size > 10_000) this.#cache.clear();
      this.#cache.set(id, { record, at: now });
    }
    return record;
  }
}
