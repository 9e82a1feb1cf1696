import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import type { DerivedCacheSlot } from '../manifest/parse-cache.js';
import { EDGE_KINDS, type EdgeColumns } from './graph.js';

/** Bump when the edges buildGraph derives from declarations change (which references, which way, which kind). */
const EDGE_CACHE_FORMAT = 1;

/** The file, in the cache directory, holding the declared edges of the last system built. */
const EDGE_CACHE_FILE = 'declared-edges';

/**
 * The declared edges of a system and its references to nothing declared (as pairs: the
 * position of the declaring object in `system.objects`, the position of the reference among
 * the object's references), as buildGraph derived them from one exact set of manifest texts.
 */
export interface DeclaredEdges {
  readonly edges: EdgeColumns;
  readonly unresolved: Int32Array;
}

interface StoredEdges extends DeclaredEdges {
  readonly format: number;
  readonly key: string;
  readonly nodes: number;
}

/**
 * The declared edges kept for exactly this set of manifest texts (the slot's key) and this many
 * declared objects, or undefined when there are none, they were kept for other texts, or the
 * file is unreadable or damaged (a cache only saves time).
 *
 * @example
 * const declared = readDeclaredEdges(system.derivedCache, system.objects.size) ?? deriveThem();
 */
export function readDeclaredEdges(slot: DerivedCacheSlot, nodes: number): DeclaredEdges | undefined {
  try {
    const stored = deserialize(readFileSync(path.join(slot.directory, EDGE_CACHE_FILE))) as StoredEdges;
    if (stored?.format !== EDGE_CACHE_FORMAT || stored.key !== cacheKey(slot) || stored.nodes !== nodes) return undefined;
    return isWhole(stored) ? { edges: stored.edges, unresolved: stored.unresolved } : undefined;
  } catch {
    return undefined;
  }
}

/** Keeps the declared edges derived from the slot's texts for `readDeclaredEdges`; a cache that cannot be written only costs speed. */
export function writeDeclaredEdges(slot: DerivedCacheSlot, nodes: number, declared: DeclaredEdges): void {
  const stored: StoredEdges = { format: EDGE_CACHE_FORMAT, key: cacheKey(slot), nodes, ...declared };
  const target = path.join(slot.directory, EDGE_CACHE_FILE);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    writeFileSync(temporary, serialize(stored));
    renameSync(temporary, target);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/** The slot's key together with what the meaning of the stored numbers depends on. */
function cacheKey(slot: DerivedCacheSlot): string {
  return JSON.stringify([EDGE_CACHE_FORMAT, EDGE_KINDS, slot.key]);
}

/** True when every number stored is in range: a damaged file must not make a wrong graph. */
function isWhole(stored: StoredEdges): boolean {
  const { edges, unresolved, nodes } = stored;
  const { from, to, kind, observed, versionAt, versions } = edges ?? {};
  if (!(from instanceof Int32Array) || !(to instanceof Int32Array) || !(kind instanceof Uint8Array) || !(observed instanceof Uint8Array)) return false;
  if (!(versionAt instanceof Int32Array) || !Array.isArray(versions) || !(unresolved instanceof Int32Array)) return false;
  const count = from.length;
  if (to.length !== count || kind.length !== count || observed.length !== count || versionAt.length !== versions.length || unresolved.length % 2 !== 0) return false;
  for (let index = 0; index < count; index++) {
    if (from[index] < 0 || from[index] >= nodes || to[index] < 0 || to[index] >= nodes || kind[index] >= EDGE_KINDS.length || observed[index] > 1) return false;
  }
  for (let position = 0; position < versionAt.length; position++) {
    if (versionAt[position] < 0 || versionAt[position] >= count || typeof versions[position] !== 'string') return false;
  }
  for (let position = 0; position < unresolved.length; position++) {
    if (unresolved[position] < 0 || (position % 2 === 0 && unresolved[position] >= nodes)) return false;
  }
  return true;
}
