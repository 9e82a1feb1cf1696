import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { changedConfigs, changedFiles, withDescendants } from '../../src/config/changed-configs.js';
import { PaydownError } from '../../src/errors.js';
import { loadSystem } from '../../src/manifest/load-system.js';
import { fixtureFiles } from './config-fixture.js';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=paydown', '-c', 'user.email=paydown@example.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
}

describe('the changed-config gate', () => {
  let repo: string;
  let root: string;

  before(() => {
    repo = realpathSync(mkdtempSync(path.join(tmpdir(), 'paydown-changed-')));
    root = path.join(repo, 'sys');
    for (const [file, text] of Object.entries(fixtureFiles)) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      writeFileSync(path.join(root, file), text);
    }
    git(repo, 'init', '--quiet', '--initial-branch=main');
    git(repo, 'add', '.');
    git(repo, 'commit', '--quiet', '-m', 'configs');
  });

  after(() => rmSync(repo, { recursive: true, force: true }));

  it('finds nothing when nothing changed', async () => {
    const system = await loadSystem(root);
    const changed = await changedConfigs(system, 'HEAD');
    assert.deepEqual(changed.files, []);
    assert.deepEqual(changed.configs, []);
  });

  it('lists a changed config and every config extending it, transitively', async () => {
    writeFileSync(path.join(root, 'configs/v8.yaml'), fixtureFiles['configs/v8.yaml'].replace('maxDepth: 8', 'maxDepth: 10'));
    try {
      const system = await loadSystem(root);
      const changed = await changedConfigs(system, 'HEAD');
      assert.deepEqual(changed.files, [path.join(root, 'configs/v8.yaml')]);
      assert.deepEqual(changed.declared, ['ctr-v8']);
      assert.deepEqual(changed.configs, ['ctr-v8', 'ctr-v9']);
    } finally {
      git(repo, 'checkout', '--quiet', '--', 'sys/configs/v8.yaml');
    }
  });

  it('lists the whole family when the root config changes, and configs in untracked files', async () => {
    writeFileSync(path.join(root, 'configs/base.yaml'), `${fixtureFiles['configs/base.yaml']}description: retuned\n`);
    writeFileSync(path.join(root, 'configs/new.yaml'), 'kind: config\nid: ctr-new\nextends: other-base\n');
    try {
      const system = await loadSystem(root);
      const changed = await changedConfigs(system, 'HEAD');
      assert.deepEqual(changed.declared, ['ctr-base', 'ctr-new']);
      assert.deepEqual(changed.configs, ['ctr-base', 'ctr-new', 'ctr-v8', 'ctr-v9']);
    } finally {
      git(repo, 'checkout', '--quiet', '--', 'sys/configs/base.yaml');
      rmSync(path.join(root, 'configs/new.yaml'));
    }
  });

  it('compares committed changes against the merge base of an A...B range', async () => {
    git(repo, 'checkout', '--quiet', '-b', 'feature');
    writeFileSync(path.join(root, 'configs/v9.yaml'), fixtureFiles['configs/v9.yaml'].replace('0.05', '0.01'));
    git(repo, 'commit', '--quiet', '-am', 'retune v9');
    try {
      const files = await changedFiles(root, 'main...HEAD');
      assert.deepEqual(files, [path.join(root, 'configs/v9.yaml')]);
      const changed = await changedConfigs(await loadSystem(root), 'main...HEAD');
      assert.deepEqual(changed.configs, ['ctr-v9']);
    } finally {
      git(repo, 'checkout', '--quiet', 'main');
    }
  });

  it('fails with a usage error for a revision git does not know', async () => {
    const system = await loadSystem(root);
    await assert.rejects(changedConfigs(system, 'no-such-rev'), (error: unknown) => error instanceof PaydownError && error.code === 'PAYDOWN_USAGE' && /no-such-rev/.test(error.message));
  });

  it('adds descendants to any set of configs', async () => {
    const system = await loadSystem(root);
    assert.deepEqual(withDescendants(system, ['ctr-base']), ['ctr-base', 'ctr-v8', 'ctr-v9']);
    assert.deepEqual(withDescendants(system, ['other-base']), ['other-base']);
  });
});
