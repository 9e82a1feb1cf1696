import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { writeFileAtomic } from '../../src/util/write-file-atomic.js';

describe('writeFileAtomic', () => {
  it('replaces a regular file and leaves no temporary file behind', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'paydown-atomic-'));
    try {
      const file = path.join(dir, 'report.json');
      await writeFileAtomic(file, 'old');
      await writeFileAtomic(file, 'new');
      assert.equal(await readFile(file, 'utf8'), 'new');
      assert.deepEqual(await readdir(dir), ['report.json']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('writes to a device such as /dev/null in place instead of replacing it with a file', async () => {
    await writeFileAtomic('/dev/null', 'discarded');
    const after = await stat('/dev/null');
    assert.equal(after.isCharacterDevice(), true);
  });
});
