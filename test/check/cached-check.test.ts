import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { check } from '../../src/check/check.js';
import { loadSystem } from '../../src/manifest/load-system.js';
import { PARSE_CACHE_DIRECTORY } from '../../src/manifest/parse-cache.js';
import { POSITION_MEMO_FILE } from '../../src/manifest/position-memo.js';

const SOURCES = 'kind: source\nid: clicks\nowner: ads\ndescription: Click log.\n';
const MODELS =
  'kind: model\nid: spam\nowner: trust\ndescription: Spam filter.\ninputs: [clicks, clickz]\nthreshold:\n  value: 0.7\n  setBy: hand\n---\n' +
  'kind: model\nid: ham\nowner: trust\ndescription: Ham filter.\ninputs:\n  - clicks\n  - clics\n';
const TODAY = '2026-12-01';

let root: string;

/** Each finding as `rule node line:column`, in report order. */
async function placedFindings(cache: boolean): Promise<string[]> {
  const result = check(await loadSystem(root, { cache }), { today: TODAY });
  return result.findings.map((finding) => `${finding.ruleId} ${finding.nodeId} ${finding.location.line}:${finding.location.column}`);
}

describe('a repeated check with the cache on', () => {
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'paydown-cached-check-'));
    await writeFile(path.join(root, 'sources.yaml'), SOURCES);
    await writeFile(path.join(root, 'models.yaml'), MODELS);
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('points findings at the same fields as a check without the cache, and remembers where they were', async () => {
    const plain = await placedFindings(false);
    assert.ok(plain.includes('dangling-reference spam 5:18'));
    assert.ok(plain.includes('dangling-reference ham 16:5'));
    assert.ok(plain.includes('fixed-threshold spam 6:1'));
    const memo = path.join(root, PARSE_CACHE_DIRECTORY, POSITION_MEMO_FILE);
    assert.equal(existsSync(memo), false);
    assert.deepEqual(await placedFindings(true), plain, 'the run filling the cache');
    assert.equal(existsSync(memo), true);
    assert.deepEqual(await placedFindings(true), plain, 'the run reading the cache');
  });

  it('uses the remembered positions while a text is unchanged, and finds the fields again once it changes', async () => {
    const memo = path.join(root, PARSE_CACHE_DIRECTORY, POSITION_MEMO_FILE);
    const stored = JSON.parse(await readFile(memo, 'utf8')) as { files: Record<string, { at: Record<string, unknown> }> };
    const models = stored.files['models.yaml'];
    for (const key of Object.keys(models.at)) models.at[key] = [99, 9];
    await writeFile(memo, JSON.stringify(stored));
    assert.ok((await placedFindings(true)).includes('fixed-threshold spam 99:9'), 'read from the memo');
    await writeFile(path.join(root, 'models.yaml'), `# moved down by one line\n${MODELS}`);
    const moved = await placedFindings(true);
    assert.ok(moved.includes('fixed-threshold spam 7:1'), 'located again in the new text');
    assert.deepEqual(await placedFindings(true), moved);
    assert.deepEqual(await placedFindings(false), moved);
  });

  it('ignores a corrupt memo', async () => {
    const memo = path.join(root, PARSE_CACHE_DIRECTORY, POSITION_MEMO_FILE);
    const expected = await placedFindings(false);
    for (const text of ['{"format": 1, "files": {', '{"format": 1, "files": {"models.yaml": {"hash": 1, "at": 3}}}', 'null']) {
      await writeFile(memo, text);
      assert.deepEqual(await placedFindings(true), expected);
    }
  });
});
