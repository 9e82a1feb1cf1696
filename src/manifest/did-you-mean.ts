import { closest, distance } from 'fastest-levenshtein';

/**
 * Suggests the closest known word to a misspelt one, or nothing when none is close.
 *
 * @example
 * didYouMean('ownr', ['owner', 'inputs']); // 'owner'
 */
export function didYouMean(word: string, known: readonly string[]): string | undefined {
  const candidates = known.length > MANY_WORDS ? plausible(word, known) : known;
  if (candidates.length === 0) return undefined;
  const best = closest(word, candidates);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(word, best) <= limit ? best : undefined;
}

/** The ` (did you mean 'x'?)` suffix, or an empty string. */
export function suggestionSuffix(word: string, known: readonly string[]): string {
  const suggestion = didYouMean(word, known);
  return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
}

/** Above this many known words, only words of a close length that share the first letter are compared. */
const MANY_WORDS = 2000;

function plausible(word: string, known: readonly string[]): string[] {
  const slack = Math.max(2, Math.ceil(word.length / 3));
  return known.filter((candidate) => candidate[0] === word[0] && Math.abs(candidate.length - word.length) <= slack);
}
