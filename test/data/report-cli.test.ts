import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { runPaydown, type Run } from '../support/run-paydown.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-report-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const paydown = (args: readonly string[]): Run => runPaydown(args, scratch);

function csv(name: string, rows: readonly string[]): string {
  const file = path.join(scratch, name);
  writeFileSync(file, `${['id,age,country', ...rows].join('\n')}\n`);
  return file;
}

const reference = Array.from({ length: 20 }, (_unused, index) => `${index + 1},${20 + index},${index % 2 === 0 ? 'FR' : 'DE'}`);
const current = Array.from({ length: 20 }, (_unused, index) => `${index + 1},${50 + index},${index % 3 === 0 ? 'FR' : 'US'}`);
csv('reference.csv', reference);
csv('current.csv', current);

/** Runs the command with `--format html -o FILE`, checks the exit code and returns the written report. */
function htmlReport(args: readonly string[], file: string, code: number): string {
  const run = paydown([...args, '--format', 'html', '-o', file]);
  assert.equal(run.code, code, run.stderr);
  assert.equal(run.stdout, '', 'with -o nothing goes to standard output');
  const target = path.join(scratch, file);
  assert.ok(existsSync(target), `${file} was written`);
  const html = readFileSync(target, 'utf8');
  assertSelfContained(html);
  return html;
}

function assertSelfContained(html: string): void {
  assert.match(html, /^<!doctype html>\s*<html lang="en">/);
  assert.match(html, /<\/body>\s*<\/html>\s*$/);
  assert.match(html, /<head>[\s\S]*<title>[\s\S]*<\/head>/);
  assert.doesNotMatch(html, /<script[^>]*\bsrc\s*=\s*["']?\s*(https?:)?\/\//i, 'no remote script sources');
  assert.doesNotMatch(html, /<link[^>]*\bhref\s*=\s*["']?\s*(https?:)?\/\//i, 'no remote link sources');
  assert.doesNotMatch(html, /<(script|link|img|iframe)[^>]*\b(src|href)\s*=\s*["']?https?:/i);
}

function assertNames(html: string, names: readonly string[]): void {
  for (const name of names) assert.ok(html.includes(name), `the report names ${name}`);
}

describe('--format html of the data commands', () => {
  it('paydown profile writes a profile report (exit 0)', () => {
    const html = htmlReport(['profile', 'reference.csv'], 'profile.html', 0);
    assert.match(html, /data-kind="profile"/);
    assertNames(html, ['data-column="id"', 'data-column="age"', 'data-column="country"', 'nulls', 'distinct', 'stddev', 'min / mean / max']);
  });

  it('paydown drift writes a drift report with both sides (exit 1 on drift)', () => {
    const html = htmlReport(['drift', 'reference.csv', 'current.csv'], 'drift.html', 1);
    assert.match(html, /data-kind="drift"/);
    assertNames(html, ['data-column="age"', 'data-column="country"', 'data-column="id"', 'ks', 'chi-square', 'p-value', 'statistic', 'threshold']);
    assert.match(html, /reference reference\.csv, current current\.csv/);
  });

  it('paydown drift accepts a saved profile as the reference', () => {
    assert.equal(paydown(['profile', 'reference.csv', '--save', 'reference.profile.json', '-o', 'profile.txt']).code, 0);
    const html = htmlReport(['drift', 'reference.profile.json', 'current.csv'], 'drift-saved.html', 1);
    assertNames(html, ['data-column="age"', 'data-column="country"']);
  });

  it('paydown validate writes its anomalies (exit 1) and a passing report (exit 0)', () => {
    const infer = paydown(['schema', 'infer', 'reference.csv', '-o', 'reference.schema.yaml']);
    assert.equal(infer.code, 0, infer.stderr);
    const html = htmlReport(['validate', 'current.csv', '--schema', 'reference.schema.yaml'], 'validation.html', 1);
    assert.match(html, /data-kind="validate"/);
    assertNames(html, ['out-of-range', 'unseen-category', '<td>age</td>', '<td>country</td>', '2 of 2 check(s) failed']);
    const passing = htmlReport(['validate', 'reference.csv', '--schema', 'reference.schema.yaml'], 'validation-ok.html', 0);
    assertNames(passing, ['0 of 1 check(s) failed', '20 rows, no anomalies']);
  });

  it('paydown skew writes keyed and distribution reports (exit 1 on skew)', () => {
    const keyed = htmlReport(['skew', 'reference.csv', 'current.csv', '--key', 'id'], 'skew.html', 1);
    assert.match(keyed, /data-kind="skew"/);
    assertNames(keyed, ['data-column="age"', 'data-column="country"', 'mismatch rate', 'joined on id']);
    const distribution = htmlReport(['skew', 'reference.csv', 'current.csv'], 'skew-distribution.html', 1);
    assertNames(distribution, ['data-column="age"', 'data-column="country"', 'data-column="id"', 'mean shift', 'share distance', 'null rate']);
  });

  it('lists html among the --format choices and shows an html example in --help', () => {
    for (const command of ['profile', 'drift', 'validate', 'skew']) {
      const help = paydown([command, '--help']);
      assert.equal(help.code, 0, help.stderr);
      assert.match(help.stdout, /choices:\s+"text",\s+"json",\s+"html"/, command);
      assert.match(help.stdout, /--format html -o \S+\.html/, command);
    }
  });
});
