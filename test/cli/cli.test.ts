import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { schemaText } from '../../src/cli/commands/schema.js';
import { runPaydown, type Run } from '../support/run-paydown.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-cli-'));
let counter = 0;

after(() => rmSync(scratch, { recursive: true, force: true }));


const paydown = runPaydown;

/** A fresh directory holding the `paydown init` system in `sys/`. */
function initialised(): string {
  const dir = path.join(scratch, `case-${counter++}`);
  const run = paydown(['init', path.join(dir, 'sys')], scratch);
  assert.equal(run.code, 0, run.stderr);
  return dir;
}

function edit(file: string, from: string, to: string): void {
  const text = readFileSync(file, 'utf8');
  assert.ok(text.includes(from), `${file} should contain ${from}`);
  writeFileSync(file, text.replace(from, to));
}

/** The init system plus a feature input that names nothing: one error finding. */
function withError(): string {
  const dir = initialised();
  edit(path.join(dir, 'sys', 'features.yaml'), '  - click_log\n', '  - click_log\n  - clikcs\n');
  return dir;
}

function assertNoStackTrace(run: Run): void {
  assert.ok(!/^\s{4}at /m.test(run.stderr), `stack trace in stderr:\n${run.stderr}`);
  assert.ok(!/^\s{4}at /m.test(run.stdout), `stack trace in stdout:\n${run.stdout}`);
}

interface JsonCheck {
  summary: { errors: number; baselined: number };
  findings: Array<{ ruleId: string; severity: string; message: string; nodeId: string; location: { file: string; line?: number; column?: number } }>;
}

describe('paydown CLI', () => {
  it('init writes a system on which check reports nothing and exits 0', () => {
    const dir = path.join(scratch, `case-${counter++}`);
    mkdirSync(dir, { recursive: true });
    const init = paydown(['init', 'sys'], dir);
    assert.equal(init.code, 0, init.stderr);
    assert.match(init.stdout, /paydown check sys/);
    assert.match(init.stdout, /sys\/models\.yaml/);
    assert.match(readFileSync(path.join(dir, 'sys', 'sources.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\S+paydown\.schema\.json$/m);
    assert.match(readFileSync(path.join(dir, 'sys', 'paydown.config.yaml'), 'utf8'), /^# yaml-language-server: \$schema=\S+paydown\.config\.schema\.json$/m);
    const run = paydown(['check', 'sys'], dir);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /no findings/);
    const strict = paydown(['check', 'sys', '--preset', 'strict', '--format', 'json'], dir);
    assert.equal(strict.code, 0);
    assert.deepEqual((JSON.parse(strict.stdout) as JsonCheck).findings, []);
  });

  it('init refuses to overwrite, writes nothing then, and exits 2; --force overwrites', () => {
    const dir = initialised();
    const removed = path.join(dir, 'sys', 'consumers.yaml');
    unlinkSync(removed);
    const again = paydown(['init', 'sys'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists/);
    assert.match(again.stderr, /--force/);
    assert.ok(!existsSync(removed), 'nothing is written when init refuses');
    assertNoStackTrace(again);
    const forced = paydown(['init', 'sys', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    assert.ok(existsSync(removed));
  });

  it('exits 1 when error-level findings remain', () => {
    const dir = withError();
    const run = paydown(['check', 'sys'], dir);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /dangling-reference/);
    assert.match(run.stdout, /clikcs/);
  });

  it('writes plain text without ANSI escapes when piped', () => {
    const run = paydown(['check', 'sys'], withError());
    assert.ok(run.stdout.length > 0);
    assert.ok(!run.stdout.includes('\u001b['), 'no ANSI escapes');
  });

  it('exits 2 for a missing system directory, without a stack trace', () => {
    const run = paydown(['check', 'no-such-dir'], scratch);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /no-such-dir/);
    assertNoStackTrace(run);
  });

  it('exits 2 for a YAML syntax error and names file:line:column', () => {
    const dir = initialised();
    writeFileSync(path.join(dir, 'sys', 'broken.yaml'), 'kind: source\nid: [unclosed\nowner: x\n');
    const run = paydown(['check', 'sys'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /broken\.yaml:\d+:\d+/);
    assertNoStackTrace(run);
  });

  it('exits 2 for an unknown option', () => {
    const run = paydown(['check', '--no-such-option'], scratch);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /unknown option/);
    assertNoStackTrace(run);
  });

  it('--format json parses and carries each finding with its location', () => {
    const run = paydown(['check', 'sys', '--format', 'json'], withError());
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as JsonCheck;
    const finding = result.findings.find((entry) => entry.ruleId === 'dangling-reference');
    assert.ok(finding);
    assert.equal(finding.severity, 'error');
    assert.equal(finding.nodeId, 'ctr_7d');
    assert.match(finding.message, /clikcs/);
    assert.equal(finding.location.file, path.join('sys', 'features.yaml'));
    assert.equal(typeof finding.location.line, 'number');
  });

  it('--format sarif and --format markdown render the same check', () => {
    const dir = withError();
    const sarif = paydown(['check', 'sys', '--format', 'sarif'], dir);
    assert.equal(sarif.code, 1);
    const log = JSON.parse(sarif.stdout) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.equal(log.version, '2.1.0');
    assert.ok(log.runs[0].results.some((result) => result.ruleId === 'dangling-reference'));
    const markdown = paydown(['check', 'sys', '--format', 'markdown'], dir);
    assert.equal(markdown.code, 1);
    assert.match(markdown.stdout, /^## ❌/m);
  });

  it('baseline: record, then only new findings count', () => {
    const dir = withError();
    const record = paydown(['check', 'sys', '--baseline', 'baseline.json', '--update-baseline'], dir);
    assert.equal(record.code, 0, record.stderr);
    assert.ok(existsSync(path.join(dir, 'baseline.json')));
    const accepted = paydown(['check', 'sys', '--baseline', 'baseline.json'], dir);
    assert.equal(accepted.code, 0, accepted.stdout + accepted.stderr);
    edit(path.join(dir, 'sys', 'models.yaml'), '  - ctr_7d\n', '  - ctr_7d\n  - ghost_feature\n');
    const fresh = paydown(['check', 'sys', '--baseline', 'baseline.json', '--format', 'json'], dir);
    assert.equal(fresh.code, 1);
    const result = JSON.parse(fresh.stdout) as JsonCheck;
    assert.equal(result.findings.length, 1);
    assert.equal(result.findings[0].nodeId, 'ctr_model');
    assert.match(result.findings[0].message, /ghost_feature/);
    assert.equal(result.summary.baselined, 1);
  });

  it('--output writes the report to a file instead of standard output', () => {
    const dir = withError();
    const run = paydown(['check', 'sys', '--format', 'json', '--output', 'report.json'], dir);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    const result = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as JsonCheck;
    assert.ok(result.findings.length > 0);
  });

  it('--help shows usage with examples', () => {
    const run = paydown(['check', '--help'], scratch);
    assert.equal(run.code, 0);
    assert.match(run.stdout, /Usage: paydown check/);
    assert.match(run.stdout, /Examples:/);
    assert.match(run.stdout, /\$ paydown check /);
    const init = paydown(['init', '--help'], scratch);
    assert.equal(init.code, 0);
    assert.match(init.stdout, /Examples:/);
  });

  it('rules lists every rule with severity, presets and docs', () => {
    const run = paydown(['rules', '--format', 'json'], scratch);
    assert.equal(run.code, 0, run.stderr);
    const listing = JSON.parse(run.stdout) as { rules: Array<{ id: string; severity: string; presets: string[]; category: string; docs: string }> };
    const dangling = listing.rules.find((rule) => rule.id === 'dangling-reference');
    assert.ok(dangling);
    assert.equal(dangling.severity, 'error');
    assert.ok(dangling.presets.includes('strict'));
    assert.equal(dangling.docs, 'docs/rules/dangling-reference.md');
    const text = paydown(['rules'], scratch);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /dangling-reference\s+error/);
  });

  it('schema prints the manifest or config JSON Schema', () => {
    const manifest = paydown(['schema'], scratch);
    assert.equal(manifest.code, 0);
    assert.equal(manifest.stdout, schemaText('manifest'));
    const config = paydown(['schema', '--config'], scratch);
    assert.equal(config.stdout, schemaText('config'));
  });
});

