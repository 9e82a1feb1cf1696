import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { parseDataSchema } from '../../src/data/data-schema.js';
import { repo, runPaydown } from '../support/run-paydown.js';

/**
 * Every data command on the bundled example's data (examples/ad-click/data, written by its
 * generate.mjs): a reference and a current day of impressions, with drift in device_type,
 * query_length, ctr_7d and landing_page_quality, review_engagement missing for six hours, a new
 * country, and hour_of_day served in UTC for some Japanese impressions.
 */
const data = path.join(repo, 'examples/ad-click/data');
const reference = path.join(data, 'impressions-2025-11-21.csv');
const current = path.join(data, 'impressions-2025-11-22.csv');
const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-example-data-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('data commands on the bundled example', () => {
  it('profile saves a reference profile with the 4,000 impressions of the day', () => {
    const saved = path.join(scratch, 'reference.profile.json');
    const run = runPaydown(['profile', reference, '--save', saved], scratch);
    assert.equal(run.code, 0, run.stderr);
    const profile = JSON.parse(readFileSync(saved, 'utf8')) as { rows: number; columns: Array<{ name: string; kind: string }> };
    assert.equal(profile.rows, 4000);
    assert.equal(profile.columns.find((c) => c.name === 'device_type')?.kind, 'categorical');
    assert.equal(profile.columns.find((c) => c.name === 'ctr_7d')?.kind, 'numeric');
  });

  it('schema infer reproduces the committed schema of the impression log (YAML on standard output, JSON in the example)', () => {
    const run = runPaydown(['schema', 'infer', reference], data);
    assert.equal(run.code, 0, run.stderr);
    const committed = parseDataSchema(readFileSync(path.join(data, 'impression_log.schema.json'), 'utf8'), 'impression_log.schema.json');
    const inferred = parseDataSchema(run.stdout, 'stdout');
    assert.deepEqual({ ...inferred, $schema: undefined, createdAt: undefined, source: undefined }, { ...committed, $schema: undefined, createdAt: undefined, source: undefined });
    assert.match(run.stdout.split('\n')[0] ?? '', /^# yaml-language-server: \$schema=.*schema\/paydown\.data-schema\.json$/);
  });

  it('validate finds the broken job, the new country and the moved ranges in the current day (exit 1)', () => {
    const run = runPaydown(['validate', current, '--schema', path.join(data, 'impression_log.schema.json'), '--format', 'json'], scratch);
    assert.equal(run.code, 1, run.stderr);
    const result = JSON.parse(run.stdout) as { anomalies: Array<{ type: string; column?: string }> };
    const found = result.anomalies.map((a) => `${a.type}:${a.column ?? ''}`);
    assert.ok(found.includes('nulls-over-limit:review_engagement'), found.join(', '));
    assert.ok(found.includes('unseen-category:geo_country'), found.join(', '));
    assert.ok(found.includes('out-of-range:ctr_7d'), found.join(', '));
    const clean = runPaydown(['validate', reference, '--schema', path.join(data, 'impression_log.schema.json')], scratch);
    assert.equal(clean.code, 0, clean.stdout);
  });

  it('drift against the saved profile flags the drifted columns and the dataset (exit 1)', () => {
    const saved = path.join(scratch, 'drift-reference.profile.json');
    assert.equal(runPaydown(['profile', reference, '--save', saved], scratch).code, 0);
    const run = runPaydown(['drift', saved, current, '--format', 'json'], scratch);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { columns: Array<{ column: string; drifted: boolean }>; summary: { datasetDrifted: boolean } };
    const drifted = report.columns.filter((c) => c.drifted).map((c) => c.column);
    for (const column of ['device_type', 'query_length', 'ctr_7d', 'landing_page_quality']) assert.ok(drifted.includes(column), `${column} in ${drifted.join(', ')}`);
    for (const column of ['hour_of_day', 'ad_topic', 'old_campaign_score']) assert.ok(!drifted.includes(column), `${column} should not drift`);
    assert.equal(report.summary.datasetDrifted, true);
  });

  it('skew finds hour_of_day served in another time zone (exit 1)', () => {
    const run = runPaydown(['skew', path.join(data, 'training-features-2025-11-22.csv'), path.join(data, 'serving-features-2025-11-22.csv'), '--key', 'impression_id', '--format', 'json'], scratch);
    assert.equal(run.code, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { columns: Array<{ name: string; skewed: boolean; mismatches: number }> };
    assert.deepEqual(report.columns.filter((c) => c.skewed).map((c) => c.name), ['hour_of_day']);
    const hour = report.columns.find((c) => c.name === 'hour_of_day');
    assert.ok(hour !== undefined && hour.mismatches > 40 && hour.mismatches < 400, `hour_of_day mismatches ${hour?.mismatches}`);
  });

  it('data-evidence sees review_engagement missing for six hours of the current day', () => {
    const out = path.join(scratch, 'events.data.json');
    const run = runPaydown(['data-evidence', current, '--time', 'event_ts', '-o', out], scratch);
    assert.equal(run.code, 0, run.stderr);
    const evidence = JSON.parse(readFileSync(out, 'utf8')) as { rows: number; availability: Array<{ column: string; days: Array<{ day: string; nonNull: number; rows: number }> }> };
    assert.equal(evidence.rows, 4000);
    const engagement = evidence.availability.find((a) => a.column === 'review_engagement');
    assert.deepEqual(engagement?.days.map((d) => [d.day, d.rows, d.nonNull]), [['2025-11-22', 4000, 3000]]);
  });
});
