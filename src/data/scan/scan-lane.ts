import { Worker } from 'node:worker_threads';
import { PaydownError } from '../../errors.js';
import type { SqlSession } from '../duckdb.js';
import type { OpenData } from '../read-data.js';
import { NumericAccumulator } from './numeric-accumulator.js';
import { scanNumeric, type GroupCoding, type NumericScan, type NumericTarget, type ScanTransfer } from './scan-numeric.js';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-worker.js';

/**
 * A second thread for the numeric scan: a worker thread that opens the same data in a DuckDB of
 * its own (one DuckDB thread) and scans some of the numeric columns while this thread scans the
 * others. A fed scan keeps one JavaScript thread busy (copying each chunk out of DuckDB, binning,
 * the moments, the distinct-count sketch) while DuckDB's reading thread mostly waits on it; two
 * scans of half the columns each, in two JavaScript threads, use the second core of a two-core
 * machine. Only Parquet is worth it: each side reads only its own columns of a Parquet file,
 * while a CSV or JSON file would be parsed twice.
 *
 * Opened early (it starts loading and opening the data at once), used for one scan, and closed
 * whatever happens (`close` after use is harmless). The thread keeps the process alive only while
 * a scan waits for it, so a lane never used nor closed does not hold a command from exiting.
 *
 * @example
 * const lane = ScanLane.open(opened);
 * try { scan = await scanNumericInLanes(opened.session, opened.relation, targets, 1000, undefined, lane, 'feed', true); } finally { lane?.close(); }
 */
export class ScanLane {
  readonly #worker: Worker;
  readonly #reply: Promise<ScanReply>;
  #used = false;
  #closed = false;

  private constructor(worker: Worker) {
    this.#worker = worker;
    this.#reply = new Promise<ScanReply>((resolve) => {
      worker.once('message', (reply: ScanReply) => resolve(reply));
      worker.once('error', (error: Error) => resolve({ kind: 'failed', message: `the scan thread failed: ${error.message}` }));
      worker.once('exit', (code: number) => resolve({ kind: 'failed', message: `the scan thread exited (code ${code}) before answering` }));
    });
    // the thread keeps the process alive only while a scan waits for it (see `scan`); after the
    // listeners, which ref the thread's message port
    worker.unref();
  }

  /** Starts the thread on the data `opened` was opened from; undefined when it cannot be reopened. */
  static open(opened: OpenData): ScanLane | undefined {
    if (opened.reopen === undefined) return undefined;
    // one DuckDB thread, so that the fed chunks come in row order (see SqlSession.feed)
    const start: ScanWorkerData = { data: opened.reopen.data, options: { ...opened.reopen.options, threads: 1 } };
    return new ScanLane(new Worker(new URL('./scan-worker.js', import.meta.url), { workerData: start }));
  }

  /** Scans `targets` of `relation` in the thread (once); `sketch` as in `scanNumeric`. */
  async scan(relation: string, targets: readonly NumericTarget[], bins: number, grouping: GroupCoding | undefined, sketch: boolean): Promise<NumericScan> {
    if (this.#used || this.#closed) throw new Error('a scan lane scans once');
    this.#used = true;
    const request: ScanRequest = grouping === undefined ? { kind: 'scan', relation, targets, bins, sketch } : { kind: 'scan', relation, targets, bins, sketch, grouping };
    this.#worker.ref();
    this.#worker.postMessage(request);
    const reply = await this.#reply;
    this.#worker.unref();
    this.#closed = true;
    if (reply.kind === 'failed') {
      throw reply.code === undefined ? new Error(reply.message) : new PaydownError(reply.code, reply.message, reply.problems ?? []);
    }
    return {
      rows: reply.rows,
      columns: reply.columns.map((state) => NumericAccumulator.fromState(state)),
      groups: reply.groups.map((group) => group.map((state) => NumericAccumulator.fromState(state))),
      groupRows: reply.groupRows,
    };
  }

  /** Lets the thread go when it was not used (it closes its DuckDB and exits); harmless after a scan. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const stop: ScanRequest = { kind: 'stop' };
    this.#worker.postMessage(stop);
  }
}

/**
 * Scans the numeric columns as `scanNumeric` does, every other column (the 2nd, 4th, …) in the
 * lane's thread and the rest in this one, and puts the accumulators back in the order of
 * `targets`. The accumulators are the same as from one `scanNumeric` over all the columns (each
 * column's chunks still come in row order). When this thread's scan fails, its error is the one
 * thrown.
 *
 * @example
 * const scan = await scanNumericInLanes(session, '"data"', targets, 1000, undefined, lane, 'feed', true);
 */
export async function scanNumericInLanes(
  session: SqlSession,
  relation: string,
  targets: readonly NumericTarget[],
  bins: number,
  grouping: GroupCoding | undefined,
  lane: ScanLane,
  transfer: ScanTransfer,
  sketch: boolean,
): Promise<NumericScan> {
  const here = targets.filter((_target, at) => at % 2 === 0);
  const there = targets.filter((_target, at) => at % 2 === 1);
  const [mine, theirs] = await Promise.allSettled([
    scanNumeric(session, relation, here, bins, grouping, transfer, sketch),
    lane.scan(relation, there, bins, grouping, sketch),
  ]);
  if (mine.status === 'rejected') throw mine.reason;
  if (theirs.status === 'rejected') throw theirs.reason;
  const interleave = <T>(even: readonly T[], odd: readonly T[]): T[] => targets.map((_target, at) => (at % 2 === 0 ? even[at / 2] : odd[(at - 1) / 2]));
  return {
    rows: mine.value.rows,
    columns: interleave(mine.value.columns, theirs.value.columns),
    groups: mine.value.groups.map((group, g) => interleave(group, theirs.value.groups[g])),
    groupRows: mine.value.groupRows,
  };
}
