import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test, three levels below it). */
export const repo = fileURLToPath(new URL('../../../', import.meta.url));

const bin = fileURLToPath(new URL('../../../bin/paydown.js', import.meta.url));

/** What a run of the CLI returned. */
export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/paydown.js ARGS` in `cwd` as a user would, without colour or debug settings. */
export function runPaydown(args: readonly string[], cwd: string): Run {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.PAYDOWN_DEBUG;
  const run = spawnSync(process.execPath, [bin, ...args], { cwd, env, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
