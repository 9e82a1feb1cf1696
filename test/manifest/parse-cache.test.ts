import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PaydownError } from '../../src/errors.js';
import { loadSystem } from '../../src/manifest/load-system.js';
import { PARSE_CACHE_DIRECTORY } from '../../src/manifest/parse-cache.js';

const SOURCES = 'kind: source\nid: clicks\nowner: ads\ndescription: Click log.\n---\nkind: source\nid: views\nowner: ads\ndescription: Impression log.\n';
const FEATURES = 'kind: feature\nid: ctr_7d\nowner: ads\ndescription: Click-through rate over 7 days.\ninputs: [clicks, views@3]\nversion: 2\n';

let root: string;

async function write(file: string, text: string): Promise<void> {
  await writeFile(path.join(root, file), text);
}

async function cacheFiles(): Promise<string[]> {
  const directory = path.join(root, PARSE_CACHE_DIRECTORY);
  return existsSync(directory) ? (await readdir(directory)).filter((name) => name.endsWith('.json')).sort() : [];
}

/** The cache file holding a manifest file (found by its recorded path). */
async function cacheFileOf(manifest: string): Promise<string> {
  for (const name of await cacheFiles()) {
    const file = path.join(root, PARSE_CACHE_DIRECTORY, name);
    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0]) as { file: string };
    if (header.file === path.join(root, manifest)) return file;
  }
  throw new Error(`no cache file for ${manifest}`);
}

describe('the parse cache (loadSystem with { cache: true })', () => {
  before(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'paydown-parse-cache-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('gives the same system as a load without it, first when filling it and then when reading it', async () => {
    await write('sources.yaml', SOURCES);
    await write('features.yaml', FEATURES);
    const plain = await loadSystem(root);
    const filling = await loadSystem(root, { cache: true });
    assert.equal((await cacheFiles()).length, 2);
    assert.equal(await readFile(path.join(root, PARSE_CACHE_DIRECTORY, '.gitignore'), 'utf8'), '*\n');
    const reading = await loadSystem(root, { cache: true });
    for (const loaded of [filling, reading]) {
      assert.deepEqual([...loaded.objects.values()], [...plain.objects.values()]);
      assert.deepEqual(loaded.features, plain.features);
      assert.deepEqual(new Map(loaded.texts), new Map(plain.texts));
    }
  });

  it('reads an unchanged file from the cache, and parses it again once its text changes', async () => {
    const cached = await cacheFileOf('features.yaml');
    const lines = (await readFile(cached, 'utf8')).split('\n');
    const objects = JSON.parse(lines[1]) as [{ owner: string }][];
    objects[0][0].owner = 'owner-from-the-cache';
    lines[1] = JSON.stringify(objects);
    await writeFile(cached, lines.join('\n'));
    const fromCache = await loadSystem(root, { cache: true });
    assert.equal(fromCache.features[0].doc.owner, 'owner-from-the-cache');
    assert.equal((await loadSystem(root)).features[0].doc.owner, 'ads', 'without the cache the file is parsed');
    await write('features.yaml', FEATURES.replace('owner: ads', 'owner: growth'));
    const changed = await loadSystem(root, { cache: true });
    assert.equal(changed.features[0].doc.owner, 'growth');
    assert.equal(changed.features[0].location.line, 1);
    const again = await loadSystem(root, { cache: true });
    assert.equal(again.features[0].doc.owner, 'growth', 'the new text was cached in place of the old one');
  });

  it('reads back a file declaring many objects, whose entry spans many lines', async () => {
    const many = Array.from({ length: 600 }, (_, index) => `kind: feature\nid: f${index}\nowner: ads\ndescription: Feature number ${index}, ünïcode.\ninputs: [clicks]\n`).join('---\n');
    await write('many.yaml', many);
    const plain = await loadSystem(root);
    await loadSystem(root, { cache: true });
    const lines = (await readFile(await cacheFileOf('many.yaml'), 'utf8')).trimEnd().split('\n');
    assert.ok(lines.length > 3, `expected several lines, found ${lines.length}`);
    const reading = await loadSystem(root, { cache: true });
    assert.deepEqual([...reading.objects.values()], [...plain.objects.values()]);
    await rm(path.join(root, 'many.yaml'));
  });

  it('ignores a corrupt cache file', async () => {
    await writeFile(await cacheFileOf('sources.yaml'), '{"format": 1, "objects": [[');
    const loaded = await loadSystem(root, { cache: true });
    assert.deepEqual(loaded.sources.map((source) => source.id), ['clicks', 'views']);
  });

  it('never caches a file with problems: the same errors come back on every run', async () => {
    await write('models.yaml', 'kind: model\nid: ctr\nownr: ads\n');
    const messages: string[][] = [];
    for (let run = 0; run < 2; run++) {
      await assert.rejects(loadSystem(root, { cache: true }), (error: unknown) => {
        assert.ok(error instanceof PaydownError);
        messages.push(error.problems.map((problem) => `${problem.location?.line}:${problem.location?.column} ${problem.message}`));
        return true;
      });
    }
    assert.deepEqual(messages[0], messages[1]);
    assert.match(messages[0].join('\n'), /3:1 .*unknown field 'ownr'/);
    await assert.rejects(cacheFileOf('models.yaml'));
    await rm(path.join(root, 'models.yaml'));
  });

  it('checks reference kinds across files again once a text changes, after a load that found none wrong', async () => {
    await loadSystem(root, { cache: true });
    await loadSystem(root, { cache: true });
    await write('models.yaml', 'kind: model\nid: ctr\nowner: ads\ndescription: CTR.\ninputs: [ctr_7d]\n');
    await write('features.yaml', FEATURES.replace('inputs: [clicks, views@3]', 'inputs: [clicks, ctr]'));
    for (let run = 0; run < 2; run++) {
      await assert.rejects(loadSystem(root, { cache: true }), (error: unknown) => {
        assert.ok(error instanceof PaydownError);
        assert.match(error.problems.map((problem) => problem.message).join('\n'), /refers to model 'ctr', expected a source or feature or output/);
        return true;
      });
    }
    await write('features.yaml', FEATURES);
    const fixed = await loadSystem(root, { cache: true });
    assert.deepEqual(fixed.models.map((model) => model.id), ['ctr']);
    await rm(path.join(root, 'models.yaml'));
  });

  it('validates the project config until it has been found valid, and again whenever its text changes', async () => {
    await write('paydown.config.yaml', 'preset: strict\n');
    for (let run = 0; run < 2; run++) assert.equal((await loadSystem(root, { cache: true })).config.preset, 'strict');
    await write('paydown.config.yaml', 'preset: strikt\n');
    for (let run = 0; run < 2; run++) {
      await assert.rejects(loadSystem(root, { cache: true }), (error: unknown) => error instanceof PaydownError && error.code === 'PAYDOWN_CONFIG_INVALID');
    }
    await rm(path.join(root, 'paydown.config.yaml'));
  });

  it('does not cache values that JSON cannot carry (infinities), so they load the same every time', async () => {
    await write('costly.yaml', 'kind: feature\nid: costly\nowner: ads\ndescription: Costly.\ninputs: [clicks]\ncost: { memoryMb: .inf }\n');
    for (let run = 0; run < 2; run++) {
      const loaded = await loadSystem(root, { cache: true });
      assert.equal(loaded.objects.get('costly')?.kind === 'feature' && loaded.features.find((feature) => feature.id === 'costly')?.doc.cost?.memoryMb, Infinity);
    }
    await assert.rejects(cacheFileOf('costly.yaml'));
  });
});
