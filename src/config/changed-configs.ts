import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PaydownError } from '../errors.js';
import type { System } from '../manifest/system.js';

const run = promisify(execFile);

/** The revision range `config check --since` compares against when given no value. */
export const DEFAULT_SINCE = 'origin/main...HEAD';

/** The configs to check after a change, and why. */
export interface ChangedConfigs {
  /** The revision compared against, as given. */
  readonly since: string;
  /** Manifest files of the system that changed (absolute paths). */
  readonly files: readonly string[];
  /** Configs declared in the changed files. */
  readonly declared: readonly string[];
  /** The declared ones and every config extending them, directly or not, in system order. */
  readonly configs: readonly string[];
}

/**
 * The changed-config gate: finds the system's manifest files changed since a revision
 * (`git diff --name-only REV` against the working tree, plus untracked files; for `A...B` the
 * comparison starts at the merge base of A and B), the configs declared in them, and every
 * config that extends one of those, transitively.
 *
 * @example
 * const { configs } = await changedConfigs(await loadSystem('systems/ads'), 'origin/main...HEAD');
 */
export async function changedConfigs(system: System, since: string = DEFAULT_SINCE): Promise<ChangedConfigs> {
  const changed = new Set(await changedFiles(system.root, since));
  const files = system.files.filter((file) => changed.has(real(file)));
  const fileSet = new Set(files);
  const declared = system.configs.filter((config) => fileSet.has(config.location.file)).map((config) => config.id);
  return { since, files: files.map((file) => path.resolve(file)), declared, configs: withDescendants(system, declared) };
}

/**
 * The given configs and every config extending any of them, directly or not, in system order.
 *
 * @example
 * withDescendants(system, ['ctr-base']); // ['ctr-base', 'ctr-v7', 'ctr-v8']
 */
export function withDescendants(system: System, ids: readonly string[]): string[] {
  const children = new Map<string, string[]>();
  for (const config of system.configs) {
    const parent = config.doc.extends;
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), config.id]);
  }
  const chosen = new Set<string>();
  const queue = [...ids];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head];
    if (chosen.has(id)) continue;
    chosen.add(id);
    queue.push(...(children.get(id) ?? []));
  }
  return system.configs.filter((config) => chosen.has(config.id)).map((config) => config.id);
}

/**
 * Files changed since a revision in the git work tree holding `directory`, as real absolute
 * paths: tracked changes against the working tree (staged or not) plus untracked files.
 *
 * @example
 * await changedFiles('systems/ads', 'HEAD~1');
 */
export async function changedFiles(directory: string, since: string): Promise<string[]> {
  const top = (await git(directory, ['rev-parse', '--show-toplevel'], since)).trim();
  const base = since.includes('...') ? await mergeBase(top, since) : since;
  const diff = await git(top, ['diff', '--name-only', '--no-renames', base, '--'], since);
  const untracked = await git(top, ['ls-files', '--others', '--exclude-standard', '--full-name'], since);
  const names = [...diff.split('\n'), ...untracked.split('\n')].filter((name) => name !== '');
  return [...new Set(names.map((name) => path.join(top, name)))];
}

async function mergeBase(top: string, range: string): Promise<string> {
  const [left, right] = range.split('...');
  return (await git(top, ['merge-base', left || 'HEAD', right || 'HEAD'], range)).trim();
}

async function git(cwd: string, args: readonly string[], since: string): Promise<string> {
  try {
    const { stdout } = await run('git', [...args], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const reason = stderr !== undefined && stderr !== '' ? stderr.split('\n')[0] : error instanceof Error ? error.message : String(error);
    throw new PaydownError('PAYDOWN_USAGE', `cannot list the files changed since '${since}': git ${args[0] ?? ''} failed`, [
      { message: `${reason}; is ${cwd} inside a git work tree, and does the revision exist (fetch it first)?`, location: { file: cwd } },
    ], { cause: error });
  }
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
