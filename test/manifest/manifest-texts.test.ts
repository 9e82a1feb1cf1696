import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManifestTexts } from '../../src/manifest/manifest-texts.js';

describe('ManifestTexts', () => {
  it('gives the UTF-8 text of each file, decoded from bytes or as given, like a map of file to text', () => {
    const texts = new ManifestTexts([
      ['a.yaml', Buffer.from('kind: source\nid: café\n', 'utf8')],
      ['b.yaml', 'kind: source\nid: b\n'],
    ]);
    assert.equal(texts.size, 2);
    assert.equal(texts.has('a.yaml'), true);
    assert.equal(texts.get('a.yaml'), 'kind: source\nid: café\n');
    assert.equal(texts.get('missing.yaml'), undefined);
    assert.deepEqual([...texts.keys()], ['a.yaml', 'b.yaml']);
    assert.deepEqual(new Map(texts), new Map([['a.yaml', 'kind: source\nid: café\n'], ['b.yaml', 'kind: source\nid: b\n']]));
    const seen: string[] = [];
    texts.forEach((text, file) => seen.push(`${file}=${text.length}`));
    assert.deepEqual(seen, ['a.yaml=22', 'b.yaml=19']);
  });
});
