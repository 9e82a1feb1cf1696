import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runPaydown } from '../../support/run-paydown.js';

const bin = fileURLToPath(new URL('../../../../bin/paydown.js', import.meta.url));

/** A `paydown serve` child process and what it printed. */
export interface ServeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  stderr(): string;
  /** Resolves with the exit code or signal once the process has ended. */
  readonly exited: Promise<number | string | null>;
}

/** Starts `paydown serve ARGS` as a user would and waits until /v2/health/ready answers 200. */
export async function startServeProcess(args: readonly string[], port: number, env: NodeJS.ProcessEnv = {}): Promise<ServeProcess> {
  const child = spawn(process.execPath, [bin, 'serve', ...args, '--port', String(port), '--no-watch'], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`paydown serve exited early: ${err}`);
    try {
      const response = await fetch(`${url}/v2/health/ready`);
      if (response.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`paydown serve did not become ready: ${err}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, url, stderr: () => err, exited };
}

/** `paydown token create CONSUMER` with the CLI; returns the token. */
export function createTokenWithCli(consumer: string, systemDir: string, database: string): string {
  const run = runPaydown(['token', 'create', consumer, '--system', systemDir, '--database', database], systemDir);
  if (run.code !== 0) throw new Error(`token create failed: ${run.stderr}`);
  return run.stdout.trim();
}
