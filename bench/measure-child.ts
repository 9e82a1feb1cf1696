import { spawn } from 'node:child_process';

/** What a child run reports on standard error, in a line after `PAYDOWN_BENCH ` (see run-check.ts). */
export interface ChildReport {
  readonly exitCode?: number;
  readonly maxRssKb: number;
  readonly inProcessMs?: number;
  readonly phases?: Readonly<Record<string, number>>;
}

/** One measured run of a child process. */
export interface MeasuredRun {
  readonly wallMs: number;
  readonly maxRssMb: number;
  readonly report: ChildReport;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `node ARGS` in a child process, timing it from outside and reading the peak memory it
 * reports. A run that reports nothing, or exit 2, fails with its standard error.
 */
export function runMeasured(args: readonly string[]): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', () => {
      const wallMs = performance.now() - started;
      const line = stderr.split('\n').find((entry) => entry.startsWith('PAYDOWN_BENCH '));
      if (line === undefined) {
        reject(new Error(`the run did not finish: node ${args.join(' ')}\n${stderr}`));
        return;
      }
      const report = JSON.parse(line.slice('PAYDOWN_BENCH '.length)) as ChildReport;
      if (report.exitCode === 2) {
        reject(new Error(`the run failed (exit 2): node ${args.join(' ')}\n${stderr}`));
        return;
      }
      resolve({ wallMs, maxRssMb: report.maxRssKb / 1024, report });
    });
  });
}
