import { spawn } from 'node:child_process';
import type { Task } from '../../learn/learner.js';
import type { LofoMetric } from './metric.js';

/** The JSON request an external trainer receives on standard input (and in PAYDOWN_LOFO_REQUEST). */
export interface TrainerRequest {
  readonly protocol: 'paydown.lofo-request/v1';
  readonly fold: number;
  readonly folds: number;
  readonly train: string;
  readonly validation: string;
  readonly format: 'csv';
  readonly target: string;
  readonly task: Task;
  readonly metric: LofoMetric;
  /** The features to train with, in data order. */
  readonly features: readonly string[];
  /** Of those, the categorical ones. */
  readonly categorical: readonly string[];
  /** What was left out: null for the model with every feature. */
  readonly leftOut: { readonly name: string; readonly members: readonly string[] } | null;
  readonly seed: number;
}

/** Why one trainer run failed, in words that name no fold (the caller adds which run it was). */
export class TrainerRunError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TrainerRunError';
  }
}

/** Keeps the last `limit` characters of a stream's text. */
function tail(text: string, limit = 600): string {
  const trimmed = text.trimEnd();
  return trimmed.length <= limit ? trimmed : `…${trimmed.slice(-limit)}`;
}

const STDOUT_LIMIT = 1 << 20;

/**
 * Reads the trainer's answer: the last non-empty line of its standard output must be a JSON
 * object with a finite number `metric` (earlier lines are ignored, so a trainer may log there).
 */
export function parseTrainerOutput(stdout: string): number {
  const lines = stdout.split(/\r?\n/).filter((line) => line.trim() !== '');
  const last = lines.at(-1);
  if (last === undefined) throw new TrainerRunError('printed nothing on standard output; expected a JSON line such as {"metric": 0.71}');
  let parsed: unknown;
  try {
    parsed = JSON.parse(last);
  } catch {
    throw new TrainerRunError(`printed ${JSON.stringify(tail(last, 200))} as its last line, which is not JSON; expected a line such as {"metric": 0.71}`);
  }
  const metric = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).metric : undefined;
  if (typeof metric !== 'number' || !Number.isFinite(metric)) {
    throw new TrainerRunError(`printed ${JSON.stringify(tail(last, 200))}, which has no finite number "metric"; expected a line such as {"metric": 0.71}`);
  }
  return metric;
}

/**
 * Runs the trainer command once (through the shell, in its own process group) with the request
 * on standard input, and returns the metric it prints. A non-zero exit, a kill, unreadable output
 * or running past `timeoutMs` (the whole process group is then killed) is a TrainerRunError.
 * `signal` aborts the run (its process group is killed) when another run failed.
 *
 * @example
 * const auc = await runTrainer('python train.py', request, 600_000);
 */
export function runTrainer(command: string, request: TrainerRequest, timeoutMs: number, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = JSON.stringify(request);
    const child = spawn(command, {
      shell: true,
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, PAYDOWN_LOFO_REQUEST: body },
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, timeoutMs);
    const onAbort = (): void => killGroup();
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = (error: Error | undefined, metric?: number): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error !== undefined) reject(error);
      else resolve(metric!);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.length > STDOUT_LIMIT) stdout = stdout.slice(-STDOUT_LIMIT);
    });
    child.stderr.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4096);
    });
    child.stdin.on('error', () => {
      // a trainer that does not read its request closes the pipe early; that is allowed
    });
    child.stdin.end(body);
    child.on('error', (error) => finish(new TrainerRunError(`could not be started: ${error.message}`)));
    child.on('close', (code, killedBy) => {
      if (timedOut) {
        finish(new TrainerRunError(`did not finish within the timeout of ${timeoutMs / 1000} s and was stopped`));
        return;
      }
      if (signal?.aborted === true) {
        finish(new TrainerRunError('was stopped because another run failed'));
        return;
      }
      if (code !== 0) {
        const how = code === null ? `was killed by ${killedBy ?? 'a signal'}` : `exited with code ${code}`;
        const said = tail(stderr);
        finish(new TrainerRunError(`${how}${said === '' ? '' : `; its standard error ends with:\n${said}`}`));
        return;
      }
      try {
        finish(undefined, parseTrainerOutput(stdout));
      } catch (error) {
        finish(error as Error);
      }
    });
  });
}
