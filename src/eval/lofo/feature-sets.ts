import { PaydownError } from '../../errors.js';

/** What is left out together in one LOFO run: one feature, or a named group of them. */
export interface FeatureSet {
  /** The feature id, or the group's name. */
  readonly name: string;
  /** The features left out; one for a single feature. */
  readonly members: readonly string[];
  readonly kind: 'feature' | 'group';
}

/** A named group of features, from `--group name=a,b` or a manifest bundle. */
export interface FeatureGroup {
  readonly name: string;
  readonly members: readonly string[];
}

/**
 * Parses `--group name=a,b,c` flags.
 *
 * @example
 * parseGroups(['geo=geo_country,geo_city']); // [{ name: 'geo', members: ['geo_country', 'geo_city'] }]
 */
export function parseGroups(flags: readonly string[]): FeatureGroup[] {
  return flags.map((flag) => {
    const at = flag.indexOf('=');
    const name = at < 0 ? '' : flag.slice(0, at).trim();
    const members = at < 0 ? [] : splitList(flag.slice(at + 1));
    if (name === '' || members.length === 0) throw new PaydownError('PAYDOWN_USAGE', `--group wants name=feature,feature…, not '${flag}'`);
    return { name, members };
  });
}

/** Splits a comma-separated list, dropping blanks. */
export function splitList(text: string): string[] {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * The feature sets to leave out: every feature on its own, then every group. Group members must
 * be among the features; a group that holds every feature, or has the name of a feature or
 * another group, is an error.
 *
 * @example
 * featureSets(['a', 'b', 'c'], [{ name: 'ab', members: ['a', 'b'] }]).map((s) => s.name); // ['a', 'b', 'c', 'ab']
 */
export function featureSets(features: readonly string[], groups: readonly FeatureGroup[]): FeatureSet[] {
  const known = new Set(features);
  const sets: FeatureSet[] = features.map((feature) => ({ name: feature, members: [feature], kind: 'feature' }));
  const names = new Set(features);
  for (const group of groups) {
    const missing = group.members.filter((member) => !known.has(member));
    if (missing.length > 0) throw new PaydownError('PAYDOWN_USAGE', `group '${group.name}' names ${missing.map((m) => `'${m}'`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not among the features`);
    if (names.has(group.name)) throw new PaydownError('PAYDOWN_USAGE', `group name '${group.name}' is already used by a feature or another group`);
    const members = [...new Set(group.members)];
    if (members.length === features.length) throw new PaydownError('PAYDOWN_USAGE', `group '${group.name}' holds every feature; leaving it out leaves nothing to train on`);
    names.add(group.name);
    sets.push({ name: group.name, members, kind: 'group' });
  }
  return sets;
}
