import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LofoResult } from '../../../src/eval/lofo/result.js';
import { parseTrainerOutput, type TrainerRequest } from '../../../src/eval/lofo/external-trainer.js';
import { repo, runPaydown } from '../../support/run-paydown.js';
import { writeSyntheticCsv } from './synthetic.js';

const fixtures = path.join(repo, 'test', 'fixtures', 'lofo');

interface Recorded {
  request: TrainerRequest;
  fromEnv: TrainerRequest;
  trainHeader: string;
  trainRows: number;
  validationRows: number;
}
let dir: string;
let data: string;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paydown-lofo-trainer-'));
  data = path.join(dir, 'clicks.csv');
  writeSyntheticCsv(data, 1200, 9);
});

after(() => rmSync(dir, { recursive: true, force: true }));

/** True once the process has exited (a zombie waiting to be reaped counts as gone); waits up to 5 s. */
async function gone(pid: number): Promise<boolean> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    try {
      process.kill(pid, 0);
    } catch {
      return true;
    }
    const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, 'utf8') : '';
    if (/^\d+ \(.*\) Z/.test(stat)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function lofoWith(command: string, extra: string[] = []): ReturnType<typeof runPaydown> {
  return runPaydown(['lofo', data, '--target', 'clicked', '--features', 'signal,noise,colour', '--folds', '3', '--learner', 'command', '--command', command, ...extra], repo);
}

describe('paydown lofo --learner command', () => {
  it('runs the trainer once per fold and feature set and reads its metric', () => {
    const run = lofoWith(`node ${path.join(fixtures, 'trainer.mjs')}`, ['--format', 'json', '--workers', '2', '--epsilon', '0.02']);
    assert.equal(run.code, 0, run.stderr);
    const result = JSON.parse(run.stdout) as LofoResult;
    assert.match(result.learner, /^command: node .*trainer\.mjs$/);
    assert.equal(result.results[0].name, 'signal');
    assert.equal(result.results.find((r) => r.name === 'signal')!.verdict, 'keep');
    assert.equal(result.results.find((r) => r.name === 'noise')!.verdict, 'remove');
    assert.ok(result.full.mean > 0.75);
    const again = lofoWith(`node ${path.join(fixtures, 'trainer.mjs')}`, ['--format', 'json', '--workers', '1', '--epsilon', '0.02']);
    assert.deepEqual((JSON.parse(again.stdout) as LofoResult).results.map((r) => r.folds), result.results.map((r) => r.folds));
  });

  it('sends each run the documented request and the fold files, written once', () => {
    const record = path.join(dir, 'requests.jsonl');
    const run = runPaydown(
      ['lofo', data, '--target', 'clicked', '--features', 'signal,noise,colour', '--group', 'pair=signal,noise', '--folds', '3', '--seed', '7', '--learner', 'command', '--command', `node ${path.join(fixtures, 'record.mjs')} ${record}`, '--format', 'json'],
      repo,
    );
    assert.equal(run.code, 0, run.stderr);
    const seen = readFileSync(record, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Recorded);
    assert.equal(seen.length, 3 * 5);
    const folders = new Set<string>();
    for (const { request, fromEnv, trainHeader, trainRows, validationRows } of seen) {
      assert.deepEqual(fromEnv, request);
      assert.equal(request.protocol, 'paydown.lofo-request/v1');
      assert.deepEqual([request.folds, request.target, request.task, request.metric, request.format], [3, 'clicked', 'binary', 'auc', 'csv']);
      const out = new Set(request.leftOut?.members ?? []);
      assert.deepEqual(request.features, ['signal', 'noise', 'colour'].filter((f) => !out.has(f)));
      assert.deepEqual(request.categorical, request.features.includes('colour') ? ['colour'] : []);
      assert.equal(trainHeader, 'signal,noise,colour,clicked');
      assert.equal(trainRows + validationRows, 1200);
      assert.ok(Math.abs(validationRows - 400) <= 1);
      folders.add(path.dirname(request.train));
    }
    assert.equal(folders.size, 3, 'one folder per fold, shared by its runs');
    for (const folder of folders) assert.equal(existsSync(folder), false, 'the fold files are removed at the end');
    const seeds = new Map(seen.map(({ request }) => [request.fold, request.seed]));
    for (const { request } of seen) assert.equal(request.seed, seeds.get(request.fold), 'one seed per fold');
    const result = JSON.parse(run.stdout) as LofoResult;
    const pair = result.results.find((r) => r.name === 'pair')!;
    for (const fold of pair.folds) assert.ok(Math.abs(fold.drop - 0.002) < 1e-12, 'drop = metric(3 features) − metric(1 feature)');
  });

  it('a crash names the fold and feature set and writes nothing', () => {
    const output = path.join(dir, 'crash.json');
    const run = lofoWith(`node ${path.join(fixtures, 'crash.mjs')} noise`, ['--output', output]);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /the trainer failed in fold \d of 3, the model without feature 'noise': .* exited with code 3; its standard error ends with:\n.*ValueError: could not convert/s);
    assert.match(run.stderr, /no results were written/);
    assert.equal(existsSync(output), false);
  });

  it('garbage output is refused with what was printed', () => {
    const run = lofoWith(`node ${path.join(fixtures, 'garbage.mjs')}`);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /fold \d of 3, the model (with every feature|without feature '\w+'): .* printed "accuracy: looks great!" as its last line, which is not JSON/);
  });

  it('a hanging trainer is stopped at --timeout, with the processes it started', async () => {
    const started = Date.now();
    const run = lofoWith(`node ${path.join(fixtures, 'hang.mjs')} ${path.join(dir, 'hang-pids')}`, ['--timeout', '1', '--workers', '2']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /did not finish within the timeout of 1 s and was stopped/);
    assert.ok(Date.now() - started < 15_000);
    const pids = readFileSync(path.join(dir, 'hang-pids'), 'utf8').trim().split('\n').map(Number);
    for (const pid of pids) assert.ok(await gone(pid), `process ${pid} still runs`);
  });
});

describe('parseTrainerOutput', () => {
  it('reads the last non-empty line and ignores logging before it', () => {
    assert.equal(parseTrainerOutput('epoch 1\nepoch 2\n{"metric": 0.73}\n\n'), 0.73);
  });

  it('refuses empty output, non-JSON, and JSON without a finite metric', () => {
    assert.throws(() => parseTrainerOutput(''), /printed nothing/);
    assert.throws(() => parseTrainerOutput('0.73'), /no finite number "metric"/);
    assert.throws(() => parseTrainerOutput('{"auc": 0.7}'), /no finite number "metric"/);
    assert.throws(() => parseTrainerOutput('{"metric": "high"}'), /no finite number "metric"/);
    assert.throws(() => parseTrainerOutput('{metric: 1}'), /not JSON/);
  });
});
