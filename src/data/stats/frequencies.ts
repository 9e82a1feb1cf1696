/**
 * Aligning two category count tables on the union of their categories, in a stable order
 * (reference order first, then categories unseen in the reference), for the frequency statistics
 * (chi-square, Jensen–Shannon, PSI, L∞).
 */
export type CategoryCounts = ReadonlyMap<string, number> | Readonly<Record<string, number>>;

export interface AlignedCounts {
  readonly categories: readonly string[];
  readonly reference: readonly number[];
  readonly current: readonly number[];
}

function entries(counts: CategoryCounts): Array<[string, number]> {
  if (counts instanceof Map) return [...(counts as ReadonlyMap<string, number>).entries()];
  return Object.entries(counts as Readonly<Record<string, number>>);
}

export function alignCounts(reference: CategoryCounts, current: CategoryCounts): AlignedCounts {
  const index = new Map<string, number>();
  const ref: number[] = [];
  const cur: number[] = [];
  const slot = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      i = ref.length;
      index.set(key, i);
      ref.push(0);
      cur.push(0);
    }
    return i;
  };
  for (const [key, count] of entries(reference)) ref[slot(key)] += count;
  for (const [key, count] of entries(current)) cur[slot(key)] += count;
  return { categories: [...index.keys()], reference: ref, current: cur };
}

/** Counts divided by their sum (all zeros stay zeros). */
export function proportions(counts: readonly number[]): number[] {
  const total = counts.reduce((sum, c) => sum + c, 0);
  return counts.map((c) => (total > 0 ? c / total : 0));
}
