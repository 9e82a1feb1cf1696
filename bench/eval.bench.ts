import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SeededRandom } from '../src/eval/metrics/random.js';

/**
 * Evaluation benchmark: `paydown slices` (AUC, log loss, Brier, ECE, bias per slice, each with a
 * bootstrap interval) and `paydown threshold` on a generated CSV of N rows with 5 slices, against
 * the same work in scikit-learn + numpy (Debian's Python, when present): the metrics per slice
 * and B bootstrap resamples of each. Prints wall time and peak memory of each side.
 *
 * @example
 * // node dist/bench/eval.bench.js                       (N = 1,000,000, B = 100)
 * // node dist/bench/eval.bench.js --rows 200000 --bootstrap 200
 */

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
const paydownBin = path.join(repoRoot, 'bin', 'paydown.js');
const timeBin = '/usr/bin/time';
const python = '/usr/bin/python3';

function flag(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
}

interface Measured {
  readonly wallS: number;
  /** User + system CPU seconds: steadier than wall time when other work shares the machine. */
  readonly cpuS: number;
  readonly maxRssMb: number;
  readonly code: number | null;
}

function measured(command: string, args: readonly string[]): Measured {
  const started = performance.now();
  const run = spawnSync(timeBin, ['-v', command, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wallS = (performance.now() - started) / 1000;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1];
  if (run.status === 2 || rss === undefined) throw new Error(`${command} ${args.join(' ')} failed:\n${run.stderr}`);
  const user = Number(/User time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  const system = Number(/System time \(seconds\): ([\d.]+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { wallS, cpuS: user + system, maxRssMb: Number(rss) / 1024, code: run.status };
}

const SKLEARN = String.raw`
import sys, numpy as np, pandas as pd
from sklearn.metrics import roc_auc_score, log_loss, brier_score_loss
path, B = sys.argv[1], int(sys.argv[2])
d = pd.read_csv(path)
rng = np.random.default_rng(1)
def metrics(y, p):
    edges = np.linspace(0, 1, 11); ids = np.searchsorted(edges[1:-1], p)
    n = np.bincount(ids, minlength=10); s = np.bincount(ids, p, 10); t = np.bincount(ids, y, 10); m = n > 0
    ece = np.sum(n[m] / len(p) * np.abs(s[m] / n[m] - t[m] / n[m]))
    return [roc_auc_score(y, p), log_loss(y, p, eps=1e-15), brier_score_loss(y, p), ece, p.mean() - y.mean()]
for name, part in [("all", d)] + list(d.groupby("country")):
    y = part["y"].to_numpy(); p = part["p"].to_numpy()
    point = metrics(y, p)
    boots = np.array([metrics(y[i], p[i]) for i in (rng.integers(0, len(y), len(y)) for _ in range(B))])
    lo, hi = np.percentile(boots, [2.5, 97.5], axis=0)
    print(name, len(y), np.round(point, 4), np.round(lo, 4), np.round(hi, 4))
`;

async function main(): Promise<void> {
  const rows = flag('--rows', 1_000_000);
  const resamples = flag('--bootstrap', 100);
  const dir = await mkdtemp(path.join(tmpdir(), 'paydown-eval-bench-'));
  try {
    const random = new SeededRandom(42);
    const countries = ['us', 'de', 'jp', 'br', 'in'];
    const lines = ['y,p,country'];
    for (let i = 0; i < rows; i++) {
      const z = random.next() * 4 - 3;
      const p = 1 / (1 + Math.exp(-z));
      lines.push(`${random.next() < p ? 1 : 0},${p.toFixed(6)},${countries[i % 5]}`);
    }
    const data = path.join(dir, 'predictions.csv');
    await writeFile(data, `${lines.join('\n')}\n`);
    console.log(`eval benchmark: ${rows.toLocaleString('en-US')} rows, 5 slices, ${resamples} bootstrap resamples (timings are noisy on a shared machine)`);
    const slices = measured(process.execPath, [paydownBin, 'slices', data, '--label', 'y', '--score', 'p', '--by', 'country', '--bootstrap', String(resamples)]);
    console.log(`  paydown slices      wall ${slices.wallS.toFixed(1)} s, CPU ${slices.cpuS.toFixed(1)} s, peak ${slices.maxRssMb.toFixed(0)} MB`);
    const threshold = measured(process.execPath, [paydownBin, 'threshold', data, '--label', 'y', '--score', 'p', '--objective', 'f-beta', '--bootstrap', String(resamples)]);
    console.log(`  paydown threshold   wall ${threshold.wallS.toFixed(1)} s, CPU ${threshold.cpuS.toFixed(1)} s, peak ${threshold.maxRssMb.toFixed(0)} MB`);
    if (!existsSync(python) || spawnSync(python, ['-c', 'import sklearn, pandas']).status !== 0) {
      console.log('  scikit-learn: not available (needs Debian python3-sklearn and python3-pandas)');
      return;
    }
    const script = path.join(dir, 'slices.py');
    await writeFile(script, SKLEARN);
    const sklearn = measured(python, [script, data, String(resamples)]);
    console.log(`  scikit-learn slices wall ${sklearn.wallS.toFixed(1)} s, CPU ${sklearn.cpuS.toFixed(1)} s, peak ${sklearn.maxRssMb.toFixed(0)} MB`);
    console.log(`  paydown slices / scikit-learn: ${(slices.cpuS / sklearn.cpuS).toFixed(2)}× the CPU time, ${(slices.wallS / sklearn.wallS).toFixed(2)}× the wall time, ${(slices.maxRssMb / sklearn.maxRssMb).toFixed(2)}× the memory`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
