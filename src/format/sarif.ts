import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CheckResult } from '../check/check.js';
import type { Finding, SuppressedFinding } from '../check/finding.js';
import { rules as registry } from '../rules/index.js';
import { ruleDocsPath, type RuleCategory, type Severity } from '../rules/rule.js';

/** The version of the installed paydown package. */
export const paydownVersion = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/**
 * The public address of a file shipped in the paydown package (docs, schemas), pinned to this version.
 *
 * @example
 * publishedUrl('docs/rules/dangling-reference.md'); // 'https://unpkg.com/paydown@0.1.0/docs/rules/dangling-reference.md'
 */
export function publishedUrl(packagePath: string): string {
  return `https://unpkg.com/paydown@${paydownVersion}/${packagePath}`;
}

/**
 * The public address of a rule's documentation page (`docs/rules/<id>.md`).
 *
 * @example
 * ruleDocsUrl('fixed-threshold');
 */
export function ruleDocsUrl(id: string): string {
  return publishedUrl(ruleDocsPath(id));
}

/** Options of the SARIF writer. */
export interface SarifOptions {
  /** Absolute file paths are made relative to this directory; defaults to the working directory. */
  readonly baseDir?: string;
}

type SarifLevel = 'error' | 'warning' | 'note';

const levels: Record<Severity, SarifLevel> = { error: 'error', warn: 'warning', info: 'note' };

interface RuleDescriptor {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: { readonly text: string };
  readonly fullDescription: { readonly text: string };
  readonly helpUri: string;
  readonly help: { readonly text: string };
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: { readonly category: RuleCategory | 'unknown'; readonly tags: readonly string[] };
}

/**
 * Renders check results as a SARIF 2.1.0 log (for GitHub code scanning and other viewers):
 * one run, the rules that reported, one result per finding, and suppressed findings as results
 * with an in-source suppression. The output is deterministic for a given result.
 *
 * @example
 * await writeFile('paydown.sarif', formatSarif(result));
 */
export function formatSarif(result: CheckResult, options: SarifOptions = {}): string {
  const baseDir = options.baseDir ?? process.cwd();
  const reported: readonly Finding[] = [...result.findings, ...result.suppressed];
  const ruleIds = [...new Set(reported.map((finding) => finding.ruleId))].sort();
  const ruleIndex = new Map(ruleIds.map((id, index) => [id, index]));
  const descriptors = ruleIds.map((id) => describeRule(id, reported.find((finding) => finding.ruleId === id)));
  const results = [
    ...result.findings.map((finding) => toResult(finding, ruleIndex, baseDir)),
    ...result.suppressed.map((finding) => toSuppressedResult(finding, ruleIndex, baseDir)),
  ];
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'paydown',
            semanticVersion: paydownVersion,
            informationUri: 'https://www.npmjs.com/package/paydown',
            rules: descriptors,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
        properties: { today: result.today, summary: result.summary },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function describeRule(id: string, sample: Finding | undefined): RuleDescriptor {
  const meta = registry[id]?.meta;
  const description = meta?.description ?? id;
  const severity = meta?.severity ?? sample?.severity ?? 'warn';
  return {
    id,
    name: pascalCase(id),
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    helpUri: ruleDocsUrl(id),
    help: { text: `${description} See ${ruleDocsPath(id)}.` },
    defaultConfiguration: { level: levels[severity] },
    properties: { category: meta?.category ?? 'unknown', tags: meta ? [meta.category] : [] },
  };
}

function toResult(finding: Finding, ruleIndex: ReadonlyMap<string, number>, baseDir: string): Record<string, unknown> {
  const region =
    finding.location.line === undefined
      ? undefined
      : { startLine: finding.location.line, ...(finding.location.column === undefined ? {} : { startColumn: finding.location.column }) };
  return {
    ruleId: finding.ruleId,
    ruleIndex: ruleIndex.get(finding.ruleId) ?? -1,
    level: levels[finding.severity],
    message: { text: finding.fix === '' ? finding.message : `${finding.message}\nFix: ${finding.fix}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(finding.location.file, baseDir) },
          ...(region ? { region } : {}),
        },
        logicalLocations: [{ name: finding.nodeId, fullyQualifiedName: finding.nodeId, kind: finding.nodeKind }],
      },
    ],
    partialFingerprints: { 'paydown/v1': finding.fingerprint },
    properties: { nodeKind: finding.nodeKind, messageId: finding.messageId, related: finding.related },
  };
}

function toSuppressedResult(finding: SuppressedFinding, ruleIndex: ReadonlyMap<string, number>, baseDir: string): Record<string, unknown> {
  return { ...toResult(finding, ruleIndex, baseDir), suppressions: [{ kind: 'inSource', justification: finding.reason }] };
}

/**
 * A file path as a relative URI reference with forward slashes, each segment percent-encoded.
 *
 * @example
 * relativeUri('/repo/sys/models.yaml', '/repo'); // 'sys/models.yaml'
 */
export function relativeUri(file: string, baseDir: string): string {
  const relative = path.isAbsolute(file) ? path.relative(baseDir, file) : file;
  const posix = path.posix.normalize(relative.split(/[\\/]/).join('/'));
  return posix
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function pascalCase(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== '')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/.exec(text);
  return match ? match[0] : text;
}
