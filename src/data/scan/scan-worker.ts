import { parentPort, workerData } from 'node:worker_threads';
import { PaydownError, type PaydownErrorCode } from '../../errors.js';
import { openData, type OpenData, type ReadOptions } from '../read-data.js';
import type { NumericAccumulatorState } from './numeric-accumulator.js';
import { scanNumeric, type GroupCoding, type NumericTarget } from './scan-numeric.js';

/** What the thread is started with: the data to open, as `openData(data, options)`. */
export interface ScanWorkerData {
  readonly data: string;
  readonly options: ReadOptions;
}

/** A message to the thread: scan these numeric columns of the view `relation` (then exit), or exit. */
export type ScanRequest =
  | {
      readonly kind: 'scan';
      readonly relation: string;
      readonly targets: readonly NumericTarget[];
      readonly bins: number;
      readonly sketch: boolean;
      readonly grouping?: GroupCoding;
    }
  | { readonly kind: 'stop' };

/** The thread's answer to a scan: the accumulators as plain data, or why it failed. */
export type ScanReply =
  | { readonly kind: 'scanned'; readonly rows: number; readonly columns: NumericAccumulatorState[]; readonly groups: NumericAccumulatorState[][]; readonly groupRows: number[] }
  | { readonly kind: 'failed'; readonly code?: PaydownErrorCode; readonly message: string; readonly problems?: PaydownError['problems'] };

/**
 * The body of a scan thread (see scan-lane.ts): it opens the data in its own DuckDB as soon as
 * it starts, answers one `scan` request with the accumulators of the columns asked for, and
 * exits after it or on `stop`.
 */
function serve(port: NonNullable<typeof parentPort>, start: ScanWorkerData): void {
  const opening: Promise<OpenData> = openData(start.data, start.options);
  // an opening failure is reported when a scan asks for the data
  opening.catch(() => undefined);
  const finish = async (): Promise<void> => {
    try {
      (await opening).close();
    } catch {
      // nothing was opened
    }
    port.close();
  };
  port.on('message', (request: ScanRequest) => {
    if (request.kind === 'stop') {
      void finish();
      return;
    }
    void answer(opening, request)
      .then((reply) => port.postMessage(reply))
      .finally(finish);
  });
}

async function answer(opening: Promise<OpenData>, request: Extract<ScanRequest, { kind: 'scan' }>): Promise<ScanReply> {
  try {
    const opened = await opening;
    if (opened.relation !== request.relation) throw new Error(`the scan thread opened ${opened.relation}, not ${request.relation}`);
    // the thread's DuckDB runs one thread (ScanLane.open), so fed chunks come in row order
    const scan = await scanNumeric(opened.session, opened.relation, request.targets, request.bins, request.grouping, 'feed', request.sketch);
    return {
      kind: 'scanned',
      rows: scan.rows,
      columns: scan.columns.map((column) => column.state()),
      groups: scan.groups.map((group) => group.map((column) => column.state())),
      groupRows: scan.groupRows,
    };
  } catch (error) {
    if (error instanceof PaydownError) return { kind: 'failed', code: error.code, message: error.message, problems: error.problems };
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

if (parentPort !== null) serve(parentPort, workerData as ScanWorkerData);
