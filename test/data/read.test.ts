import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DuckDBInstance } from '@duckdb/node-api';
import { quoteLiteral } from '../../src/data/duckdb.js';
import { openData } from '../../src/data/read-data.js';
import { PaydownError } from '../../src/errors.js';

const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-read-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

async function failure(data: string): Promise<PaydownError> {
  try {
    const opened = await openData(data);
    try {
      await opened.session.query('SELECT count(*) AS n, max(a) AS m FROM data');
    } finally {
      opened.close();
    }
  } catch (error) {
    assert.ok(error instanceof PaydownError, String(error));
    return error;
  }
  assert.fail(`expected ${data} to fail`);
}

describe('openData', () => {
  it('reports a missing file', async () => {
    const error = await failure(path.join(scratch, 'nope.csv'));
    assert.equal(error.code, 'PAYDOWN_DATA_UNREADABLE');
    assert.match(error.message, /no such file/);
  });

  it('reports an empty file', async () => {
    const file = path.join(scratch, 'empty.csv');
    writeFileSync(file, '');
    assert.match((await failure(file)).message, /is empty/);
  });

  it('reports the line of a ragged CSV row', async () => {
    const file = path.join(scratch, 'ragged.csv');
    writeFileSync(file, 'a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n1,2,3\n');
    const error = await failure(file);
    assert.equal(error.problems[0]?.location?.line, 4);
    assert.match(error.problems[0]?.message ?? '', /ragged/);
  });

  it('does not let the CSV sniffer skip ragged leading rows and read the rest silently', async () => {
    const file = path.join(scratch, 'ragged-early.csv');
    writeFileSync(file, 'a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    const error = await failure(file);
    assert.deepEqual(error.problems.map((problem) => problem.location?.line), [3, 4]);
    assert.match(error.problems[0]?.message ?? '', /ragged/);
  });

  it('reports a truncated Parquet file', async () => {
    const whole = path.join(scratch, 'whole.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT range AS a FROM range(1000)) TO ${quoteLiteral(whole)} (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    const truncated = path.join(scratch, 'truncated.parquet');
    writeFileSync(truncated, readFileSync(whole).subarray(0, 300));
    const error = await failure(truncated);
    assert.match(error.problems[0]?.message ?? '', /truncated or corrupt/);
  });

  it('reads unicode, spaces and quotes in column names and file names', async () => {
    const file = path.join(scratch, "it's a file.csv");
    writeFileSync(file, 'a,"prix ""net"" €","ü x"\n1,2.5,z\n');
    const opened = await openData(file);
    try {
      assert.deepEqual(opened.columns.map((column) => column.name), ['a', 'prix "net" €', 'ü x']);
    } finally {
      opened.close();
    }
  });

  it('reads a glob and a directory', async () => {
    const dir = path.join(scratch, 'parts');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'p1.csv'), 'a\n1\n');
    writeFileSync(path.join(dir, 'p2.csv'), 'a\n2\n');
    for (const data of [dir, path.join(dir, '*.csv')]) {
      const opened = await openData(data);
      try {
        const [row] = await opened.session.query('SELECT count(*) AS n FROM data');
        assert.equal(row?.n, '2');
      } finally {
        opened.close();
      }
    }
  });
});
