import { closest, distance } from 'fastest-levenshtein';

/**
 * Suggests the closest known word to a misspelt one, or nothing when none is close.
 *
 * @example
 * didYouMean('ownr', ['owner', 'inputs']); // 'owner'
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const best = closest(word, known);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** The ` (did you mean 'x'?)` suffix, or an empty string. */
export function suggestionSuffix(word: string, known: readonly string[]): string {
  const suggestion = didYouMean(word, known);
  return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
}
