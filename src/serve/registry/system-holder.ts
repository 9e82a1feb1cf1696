/**
 * The system `paydown serve` is serving, and its reload: manifests are read again when a file
 * under the system directory changes (after a short debounce). A reload that fails keeps the
 * last good system; its error is reported by `/api/findings` until a reload succeeds.
 */
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { PaydownError, formatLocation } from '../../errors.js';
import { loadEvidence, type Evidence } from '../../evidence/load-evidence.js';
import { buildGraph } from '../../graph/build-graph.js';
import { loadSystem } from '../../manifest/load-system.js';
import type { SystemSnapshot } from '../context.js';
import { consumerAccess, type ConsumerAccess } from '../tokens/consumer-access.js';
import { loadServedModels, type ServedModel, type ServedModelsOptions } from '../gateway/served-models.js';

/** Everything derived from one load of the manifests. */
export interface LoadedServing {
  readonly snapshot: SystemSnapshot;
  /** Evidence files named by the project config (lineage, importance, data evidence). */
  readonly evidence: Evidence;
  readonly served: ReadonlyMap<string, ServedModel>;
  readonly access: ConsumerAccess;
}

/** Why the last reload failed, with each problem's place. */
export interface ReloadError {
  readonly at: number;
  readonly message: string;
  readonly problems: readonly string[];
}

/**
 * Loads a system directory for serving: the manifests, the evidence its config names, the
 * graph and the served models.
 *
 * @example
 * const loaded = await loadServing('examples/ad-click', Date.now());
 */
export async function loadServing(systemDir: string, at: number, options: ServedModelsOptions = {}): Promise<LoadedServing> {
  const system = await loadSystem(systemDir);
  const evidence = await loadEvidence((system.config.evidence ?? []).map((file) => path.join(systemDir, file)));
  const graph = buildGraph(system, evidence);
  return { snapshot: { system, graph, loadedAt: at }, evidence, served: loadServedModels(system, options), access: consumerAccess(system) };
}

export class SystemHolder {
  readonly #dir: string;
  readonly #now: () => number;
  readonly #options: ServedModelsOptions;
  readonly #onReload: (error: ReloadError | undefined) => void;
  #current: LoadedServing;
  #error: ReloadError | undefined;
  #watcher: FSWatcher | undefined;
  #debounce: NodeJS.Timeout | undefined;
  #reloading: Promise<void> | undefined;
  #again = false;

  constructor(dir: string, first: LoadedServing, now: () => number, options: ServedModelsOptions, onReload: (error: ReloadError | undefined) => void) {
    this.#dir = dir;
    this.#current = first;
    this.#now = now;
    this.#options = options;
    this.#onReload = onReload;
  }

  get current(): LoadedServing {
    return this.#current;
  }

  /** The error of the last reload, while the last good system is kept. */
  get error(): ReloadError | undefined {
    return this.#error;
  }

  /** Loads the manifests again; keeps the last good system when that fails. */
  reload(): Promise<void> {
    if (this.#reloading !== undefined) {
      this.#again = true;
      return this.#reloading;
    }
    this.#reloading = (async () => {
      do {
        this.#again = false;
        try {
          this.#current = await loadServing(this.#dir, this.#now(), this.#options);
          this.#error = undefined;
        } catch (error) {
          this.#error = describe(error, this.#now());
        }
        this.#onReload(this.#error);
      } while (this.#again);
    })().finally(() => {
      this.#reloading = undefined;
    });
    return this.#reloading;
  }

  /**
   * Reloads `debounceMs` after the last change of a manifest, model or evidence file under the
   * system directory; `.paydown/` and the `ignore` folders (the journal) are left out.
   */
  watch(debounceMs = 200, ignore: readonly string[] = []): void {
    if (this.#watcher !== undefined) return;
    const ignored = ignore.map((dir) => path.resolve(dir) + path.sep);
    try {
      this.#watcher = watch(this.#dir, { recursive: true }, (_event, file) => {
        if (file !== null && (file.split(path.sep).includes('.paydown') || !/\.(ya?ml|json|jsonl|ndjson)$/.test(file))) return;
        if (file !== null && ignored.some((dir) => path.resolve(this.#dir, file).startsWith(dir))) return;
        if (this.#debounce !== undefined) clearTimeout(this.#debounce);
        this.#debounce = setTimeout(() => {
          this.#debounce = undefined;
          void this.reload();
        }, debounceMs);
      });
      this.#watcher.on('error', () => this.unwatch());
    } catch {
      this.#watcher = undefined; // no file watching here: reload on request only
    }
  }

  unwatch(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    if (this.#debounce !== undefined) clearTimeout(this.#debounce);
    this.#debounce = undefined;
  }
}

function describe(error: unknown, at: number): ReloadError {
  if (error instanceof PaydownError) {
    return { at, message: error.message, problems: error.problems.map((p) => (p.location === undefined ? p.message : `${formatLocation(p.location)}: ${p.message}`)) };
  }
  return { at, message: error instanceof Error ? error.message : String(error), problems: [] };
}
