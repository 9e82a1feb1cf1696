import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ManifestText } from './load-system.js';
import { parseManifestFile, type ParsedManifestFile } from './parse-manifest-file.js';

/** Below this many characters of YAML a second thread costs more than it saves. */
const PARALLEL_FROM = 4 * 1024 * 1024;

/**
 * Parses and validates manifest files, in the order given. With more than one core and more
 * than a few megabytes of YAML, a worker thread takes the second half of the bytes while this
 * thread parses the first.
 *
 * @example
 * const parsed = await parseFiles([{ file: 'a.yaml', text }]);
 */
export async function parseFiles(entries: readonly ManifestText[]): Promise<ParsedManifestFile[]> {
  const total = entries.reduce((sum, entry) => sum + entry.text.length, 0);
  if (total < PARALLEL_FROM || availableParallelism() < 2 || process.env.PAYDOWN_THREADS === '1') {
    return entries.map(({ file, text }) => parseManifestFile(file, text));
  }
  const split = halfByLength(entries, total);
  const later = parseInWorker(entries.slice(split));
  const first = entries.slice(0, split).map(({ file, text }) => parseManifestFile(file, text));
  return [...first, ...(await later)];
}

function halfByLength(entries: readonly ManifestText[], total: number): number {
  let length = 0;
  for (let index = 0; index < entries.length; index++) {
    length += entries[index].text.length;
    if (length >= total / 2) return index + 1;
  }
  return entries.length;
}

function parseInWorker(entries: readonly ManifestText[]): Promise<ParsedManifestFile[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./parse-worker.js', import.meta.url), { workerData: entries });
    worker.once('message', (parsed: ParsedManifestFile[]) => {
      resolve(parsed);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
