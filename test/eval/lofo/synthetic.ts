import { writeFileSync } from 'node:fs';
import type { TrainingData } from '../../../src/learn/learner.js';
import { seededRandom } from '../../../src/eval/lofo/random.js';

/**
 * A binary dataset where the truth is known: `signal` and `colour` drive the target, `twin` is
 * a noisy copy of `signal`, `noise` is pure noise. Deterministic for a seed.
 */
export function syntheticData(rows: number, seed = 1): TrainingData {
  const next = seededRandom(seed);
  const normal = (): number => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  const signal = new Float64Array(rows);
  const twin = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const colour = new Int32Array(rows);
  const target = new Float64Array(rows);
  const effects = [-0.8, 0, 0.8];
  for (let i = 0; i < rows; i += 1) {
    signal[i] = normal();
    twin[i] = signal[i] + 0.5 * normal();
    noise[i] = normal();
    colour[i] = Math.floor(next() * 3);
    const logit = 1.5 * signal[i] + effects[colour[i]] - 0.3;
    target[i] = next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return {
    columns: [
      { name: 'signal', kind: 'numeric', values: signal },
      { name: 'twin', kind: 'numeric', values: twin },
      { name: 'noise', kind: 'numeric', values: noise },
      { name: 'colour', kind: 'categorical', codes: colour, categories: ['blue', 'green', 'red'] },
    ],
    target,
    rowCount: rows,
  };
}

/** Writes the synthetic data as CSV with the target column `clicked`. */
export function writeSyntheticCsv(file: string, rows: number, seed = 1): void {
  const data = syntheticData(rows, seed);
  const lines = ['signal,twin,noise,colour,clicked'];
  const [signal, twin, noise, colour] = data.columns;
  for (let i = 0; i < rows; i += 1) {
    const cells = [signal, twin, noise].map((c) => (c.kind === 'numeric' ? c.values[i].toFixed(5) : ''));
    lines.push([...cells, colour.kind === 'categorical' ? colour.categories[colour.codes[i]] : '', data.target[i]].join(','));
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}
