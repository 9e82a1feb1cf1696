import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fixtureFiles } from './config-fixture.js';
import { runPaydown, type Run } from '../support/run-paydown.js';



const paydown = runPaydown;

function assertNoStackTrace(run: Run): void {
  assert.ok(!/^\s{4}at /m.test(run.stderr), `stack trace in stderr:\n${run.stderr}`);
}

interface JsonCheck {
  summary: { errors: number; rulesRun: number };
  findings: Array<{ ruleId: string; nodeId: string }>;
}

describe('paydown config', () => {
  let dir: string;

  before(() => {
    dir = realpathSync(mkdtempSync(path.join(tmpdir(), 'paydown-config-cli-')));
    for (const [file, text] of Object.entries(fixtureFiles)) {
      mkdirSync(path.dirname(path.join(dir, 'sys', file)), { recursive: true });
      writeFileSync(path.join(dir, 'sys', file), text);
    }
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('explains a config as aligned text with file:line:column', () => {
    const run = paydown(['config', 'explain', 'ctr-v8', '--system', 'sys'], dir);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^config ctr-v8\n/);
    assert.match(run.stdout, /learner\.settings\.maxDepth +8 +ctr-v8 +sys\/configs\/v8\.yaml:8:5 +overrides 6 from ctr-base \(sys\/configs\/base\.yaml:11:5\)/);
  });

  it('explains a config as JSON', () => {
    const run = paydown(['config', 'explain', 'ctr-v9', '-s', 'sys', '--format', 'json'], dir);
    assert.equal(run.code, 0, run.stderr);
    const parsed = JSON.parse(run.stdout) as { id: string; chain: Array<{ id: string }> };
    assert.deepEqual(parsed.chain.map((link) => link.id), ['ctr-base', 'ctr-v8', 'ctr-v9']);
  });

  it('exits 2 with a did-you-mean for an unknown config', () => {
    for (const args of [
      ['config', 'explain', 'ctr-v88', '-s', 'sys'],
      ['config', 'diff', 'ctr-base', 'ctr-v88', '-s', 'sys'],
      ['config', 'check', 'sys', '--config', 'ctr-v88'],
    ]) {
      const run = paydown(args, dir);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /unknown config 'ctr-v88' \(did you mean 'ctr-v8'\?\)/);
      assertNoStackTrace(run);
    }
  });

  it('exits 2 for a bad format', () => {
    const run = paydown(['config', 'diff', 'ctr-base', 'ctr-v8', '-s', 'sys', '--format', 'pdf'], dir);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /pdf/);
  });

  it('diffs two configs as text, Markdown, JSON and HTML', () => {
    const text = paydown(['config', 'diff', 'ctr-base', 'ctr-v8', '-s', 'sys'], dir);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /~ ctr_7d +@1 → @2/);
    assert.match(text.stdout, /newly depended on owners: geo-team/);
    const markdown = paydown(['config', 'diff', 'ctr-base', 'ctr-v8', '-s', 'sys', '--format', 'markdown'], dir);
    assert.equal(markdown.code, 0, markdown.stderr);
    assert.match(markdown.stdout, /\*\*Owners newly depended on:\*\* geo-team/);
    const json = paydown(['config', 'diff', 'ctr-base', 'ctr-v8', '-s', 'sys', '--format', 'json'], dir);
    assert.deepEqual((JSON.parse(json.stdout) as { dependencies: { newOwners: string[] } }).dependencies.newOwners, ['geo-team']);
    const html = paydown(['config', 'diff', 'ctr-base', 'ctr-v8', '-s', 'sys', '--format', 'html', '-o', 'diff.html'], dir);
    assert.equal(html.code, 0, html.stderr);
    assert.equal(html.stdout, '');
    assert.match(readFileSync(path.join(dir, 'diff.html'), 'utf8'), /<table class="side-by-side">/);
  });

  it('checks every config with only the config-* rules', () => {
    const run = paydown(['config', 'check', 'sys', '--format', 'json'], dir);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stderr, /checking 4 configs: ctr-base, other-base, ctr-v8, ctr-v9/);
    const result = JSON.parse(run.stdout) as JsonCheck;
    assert.equal(run.code, result.summary.errors > 0 ? 1 : 0);
    for (const finding of result.findings) assert.match(finding.ruleId, /^config-/);
  });

  it('checks only the named configs', () => {
    const run = paydown(['config', 'check', 'sys', '--config', 'ctr-v9', '--format', 'json'], dir);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stderr, /checking 1 config: ctr-v9/);
    const result = JSON.parse(run.stdout) as JsonCheck;
    for (const finding of result.findings) assert.equal(finding.nodeId, 'ctr-v9');
  });

  it('checks the configs changed since a git revision and their children', () => {
    const git = (...args: string[]): string =>
      execFileSync('git', ['-c', 'user.name=paydown', '-c', 'user.email=paydown@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, encoding: 'utf8' });
    git('init', '--quiet', '--initial-branch=main');
    git('add', '.');
    git('commit', '--quiet', '-m', 'configs');
    const clean = paydown(['config', 'check', 'sys', '--since', 'HEAD'], dir);
    assert.equal(clean.code, 0, clean.stderr);
    assert.match(clean.stderr, /no configs changed since HEAD/);
    writeFileSync(path.join(dir, 'sys/configs/v8.yaml'), fixtureFiles['configs/v8.yaml'].replace('maxDepth: 8', 'maxDepth: 9'));
    const run = paydown(['config', 'check', 'sys', '--since', 'HEAD', '--format', 'json'], dir);
    assert.ok(run.code === 0 || run.code === 1, run.stderr);
    assert.match(run.stderr, /checking 2 configs changed since HEAD \(in sys\/configs\/v8\.yaml\): ctr-v8, ctr-v9/);
    const result = JSON.parse(run.stdout) as JsonCheck;
    for (const finding of result.findings) assert.ok(['ctr-v8', 'ctr-v9'].includes(finding.nodeId));
    const missing = paydown(['config', 'check', 'sys', '--since', 'no-such-rev'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot list the files changed since 'no-such-rev'/);
    assertNoStackTrace(missing);
  });

  it('documents each subcommand with examples', () => {
    for (const sub of ['check', 'explain', 'diff']) {
      const run = paydown(['config', sub, '--help'], dir);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /Examples:\n {2}\$ paydown config /);
      assert.match(run.stdout, /Exit codes:/);
    }
    const top = paydown(['--help'], dir);
    assert.match(top.stdout, /config/);
  });
});
