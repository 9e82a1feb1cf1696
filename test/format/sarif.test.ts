import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { Ajv } from 'ajv';
import { formatSarif, relativeUri } from '../../src/format/sarif.js';
import { sampleResult } from './fixture.js';

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn?: number } };
    logicalLocations: Array<{ name: string; kind: string }>;
  }>;
  partialFingerprints: Record<string, string>;
  suppressions?: Array<{ kind: string; justification: string }>;
}

interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; semanticVersion: string; rules: Array<{ id: string; helpUri: string; defaultConfiguration: { level: string }; properties: { category: string } }> } };
    results: SarifResult[];
  }>;
}

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };

/** The SARIF 2.1.0 schema is draft-04; Ajv 8 speaks draft-07, which reads it the same once `id` becomes `$id`. */
function sarifValidator(): ReturnType<Ajv['compile']> {
  const file = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  const { id, ...rest } = schema;
  delete rest.$schema;
  // The schema's `language` pattern is not valid with the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (value: string) => URL.canParse(value));
  ajv.addFormat('uri-reference', (value: string) => URL.canParse(value, 'https://example.com/base/'));
  ajv.addFormat('date-time', (value: string) => /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value)));
  return ajv.compile({ ...rest, $id: String(id) });
}

describe('formatSarif', () => {
  const result = sampleResult();
  const text = formatSarif(result);
  const log = JSON.parse(text) as SarifLog;
  const run = log.runs[0];

  it('is valid SARIF 2.1.0', () => {
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-schema-2\.1\.0\.json$/);
  });

  it('the sample has errors, warnings and suppressed findings', () => {
    assert.ok(result.summary.errors > 0 && result.summary.warnings > 0 && result.summary.suppressed > 0);
  });

  it('describes the tool and every rule that reported, in id order', () => {
    assert.equal(run.tool.driver.name, 'paydown');
    assert.equal(run.tool.driver.semanticVersion, pkg.version);
    const ids = run.tool.driver.rules.map((rule) => rule.id);
    assert.deepEqual(ids, ['dangling-reference', 'fixed-threshold', 'missing-annotation']);
    const dangling = run.tool.driver.rules[0];
    assert.equal(dangling.defaultConfiguration.level, 'error');
    assert.equal(dangling.properties.category, 'dependencies');
    assert.match(dangling.helpUri, /docs\/rules\/dangling-reference\.md$/);
    for (const sarifResult of run.results) assert.equal(run.tool.driver.rules[sarifResult.ruleIndex].id, sarifResult.ruleId);
  });

  it('maps severities to levels and puts the fix after the message', () => {
    const byRule = (id: string): SarifResult => run.results.find((entry) => entry.ruleId === id && !entry.suppressions)!;
    assert.equal(byRule('dangling-reference').level, 'error');
    assert.equal(byRule('fixed-threshold').level, 'warning');
    const finding = result.findings.find((entry) => entry.ruleId === 'dangling-reference')!;
    assert.equal(byRule('dangling-reference').message.text, `${finding.message}\nFix: ${finding.fix}`);
  });

  it('points at the file, line and column of the field, with the node as logical location', () => {
    const dangling = run.results.find((entry) => entry.ruleId === 'dangling-reference')!;
    const location = dangling.locations[0];
    assert.equal(location.physicalLocation.artifactLocation.uri, 'sys/data.yaml');
    assert.equal(location.physicalLocation.region?.startLine, 11);
    assert.equal(typeof location.physicalLocation.region?.startColumn, 'number');
    assert.deepEqual(location.logicalLocations[0], { name: 'ctr_7d', fullyQualifiedName: 'ctr_7d', kind: 'feature' });
    const threshold = run.results.find((entry) => entry.ruleId === 'fixed-threshold')!;
    assert.equal(threshold.locations[0].physicalLocation.artifactLocation.uri, 'sys/models.yaml');
  });

  it('carries the stable fingerprint of each finding', () => {
    const active = run.results.filter((entry) => !entry.suppressions);
    assert.deepEqual(
      active.map((entry) => entry.partialFingerprints['paydown/v1']),
      result.findings.map((finding) => finding.fingerprint),
    );
  });

  it('reports suppressed findings with their justification', () => {
    const suppressed = run.results.filter((entry) => entry.suppressions);
    assert.equal(suppressed.length, result.suppressed.length);
    for (const entry of suppressed) {
      assert.equal(entry.ruleId, 'missing-annotation');
      assert.deepEqual(entry.suppressions, [{ kind: 'inSource', justification: 'owned by the ctr model team' }]);
    }
  });

  it('is deterministic', () => {
    assert.equal(formatSarif(sampleResult()), text);
  });

  it('writes relative URIs with forward slashes and encoded segments', () => {
    assert.equal(relativeUri('/repo/sys/a b.yaml', '/repo'), 'sys/a%20b.yaml');
    assert.equal(relativeUri('sys\\models.yaml', '/repo'), 'sys/models.yaml');
    assert.equal(relativeUri('./sys/models.yaml', '/repo'), 'sys/models.yaml');
  });

  it('is a valid log with no results for a clean system', () => {
    const clean = sampleResult([{ file: 'sys/a.yaml', text: 'kind: source\nid: clicks\nowner: data\ndescription: raw clicks\n' }]);
    const cleanLog = JSON.parse(formatSarif(clean)) as SarifLog;
    assert.deepEqual(cleanLog.runs[0].results, []);
    assert.deepEqual(cleanLog.runs[0].tool.driver.rules, []);
    assert.ok(sarifValidator()(cleanLog));
  });
});
