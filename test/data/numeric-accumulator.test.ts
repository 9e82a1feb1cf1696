import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minorGc } from '../../src/data/minor-gc.js';
import { HyperLogLog } from '../../src/data/scan/hyperloglog.js';
import { NumericAccumulator } from '../../src/data/scan/numeric-accumulator.js';

const identity = Int32Array.from({ length: 4096 }, (_unused, i) => i);

/** Mean and sample standard deviation by the two-pass textbook formula. */
function twoPass(values: readonly number[]): { mean: number; stddev: number } {
  const mean = values.reduce((sum, x) => sum + x, 0) / values.length;
  const squares = values.reduce((sum, x) => sum + (x - mean) * (x - mean), 0);
  return { mean, stddev: Math.sqrt(squares / (values.length - 1)) };
}

function close(actual: number, wanted: number, rel: number, label: string): void {
  assert.ok(Math.abs(actual - wanted) <= rel * Math.abs(wanted), `${label}: ${actual} vs ${wanted}`);
}

/** Feeds values in chunks of 2,048 rows; `masked` passes an all-valid mask, which takes the value-by-value path. */
function accumulate(values: readonly number[], masked: boolean, lo: number, hi: number): NumericAccumulator {
  const column = new NumericAccumulator(lo, hi, 1000);
  for (let start = 0; start < values.length; start += 2048) {
    const items = Float64Array.from(values.slice(start, start + 2048));
    const validity = masked ? new Uint32Array(64).fill(0xffffffff) : null;
    column.addChunk(items, validity, identity, items.length);
  }
  return column;
}

/** A deterministic stream of numbers in [0, 1). */
function uniform(count: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  });
}

describe('NumericAccumulator moments', () => {
  it('agrees with the two-pass formula when a chunk starts with a far outlier', () => {
    const values = [1e12, ...uniform(4095, 7)];
    const wanted = twoPass(values);
    const column = accumulate(values, false, 0, 1e12);
    close(column.mean, wanted.mean, 1e-12, 'mean');
    close(column.stddev, wanted.stddev, 1e-12, 'stddev');
  });

  it('keeps the variance of values far from zero (1e9 + noise)', () => {
    const values = uniform(10_000, 11).map((u) => 1e9 + u);
    const wanted = twoPass(values);
    const column = accumulate(values, false, 1e9, 1e9 + 1);
    close(column.stddev, wanted.stddev, 1e-9, 'stddev');
    close(column.mean, wanted.mean, 1e-12, 'mean');
  });

  it('gives the same statistics on the fast path and the value-by-value path', () => {
    const values = uniform(5000, 3).map((u, i) => (i % 97 === 0 ? 50 * u : u - 0.5));
    const dense = accumulate(values, false, -0.5, 50);
    const checked = accumulate(values, true, -0.5, 50);
    close(dense.mean, checked.mean, 1e-13, 'mean');
    close(dense.stddev, checked.stddev, 1e-12, 'stddev');
    assert.deepEqual(Array.from(dense.counts), Array.from(checked.counts));
    assert.equal(dense.min, checked.min);
    assert.equal(dense.max, checked.max);
  });

  it('bins chunks of odd length the same on both paths, the maximum in the last bin', () => {
    const values = [...uniform(4097, 5).map((u) => 10 * u), 10, 0, 10];
    const dense = accumulate(values, false, 0, 10);
    const checked = accumulate(values, true, 0, 10);
    assert.deepEqual(Array.from(dense.counts), Array.from(checked.counts));
    assert.equal(dense.counts[1000], checked.counts[1000]);
    assert.ok(dense.counts[1000] >= 2);
    assert.equal(dense.sketch?.estimate(), checked.sketch?.estimate());
  });
});

describe('HyperLogLog', () => {
  it('estimates 100,000 distinct integers within 5 %, whatever the repeats', () => {
    const once = new HyperLogLog();
    const twice = new HyperLogLog();
    const values = Float64Array.from({ length: 100_000 }, (_unused, i) => i);
    for (let start = 0; start < values.length; start += 2048) {
      const chunk = values.subarray(start, start + 2048);
      once.addAll(chunk, chunk.length);
      twice.addAll(chunk, chunk.length);
      twice.addAll(chunk, chunk.length);
    }
    assert.ok(Math.abs(once.estimate() - 100_000) <= 5000, `estimate ${once.estimate()}`);
    assert.equal(twice.estimate(), once.estimate());
  });

  it('hashes a value the same one at a time and by chunk, and counts −0 as 0', () => {
    const single = new HyperLogLog();
    for (const x of [0, -0, 1.5, -2, 1e300]) single.add(x);
    const chunked = new HyperLogLog();
    chunked.addAll(Float64Array.from([0, -0, 1.5, -2, 1e300]), 5);
    assert.equal(single.estimate(), 4);
    assert.equal(chunked.estimate(), 4);
  });

  it('gives the same sketch by chunk as value by value, for chunks of odd and even length', () => {
    for (const length of [1, 2, 3, 2047, 2048]) {
      const values = Float64Array.from(uniform(length, length), (u, i) => (i % 5 === 0 ? -0 : Math.round(u * 1e6) / 100));
      const single = new HyperLogLog();
      for (const x of values) single.add(x);
      const chunked = new HyperLogLog();
      chunked.addAll(values, length);
      const both = new HyperLogLog();
      both.merge(single);
      assert.equal(chunked.estimate(), single.estimate(), `length ${length}`);
      both.merge(chunked);
      assert.equal(both.estimate(), single.estimate(), `length ${length}: registers differ`);
    }
  });
});

describe('minorGc', () => {
  it('returns a collection that can be run', () => {
    const collect = minorGc();
    assert.equal(typeof collect, 'function');
    collect();
    assert.equal(minorGc(), collect);
  });
});
