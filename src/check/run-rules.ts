import { hash } from 'node:crypto';
import type { Evidence } from '../evidence/load-evidence.js';
import type { DependencyGraph } from '../graph/graph.js';
import type { System } from '../manifest/system.js';
import { ruleDocsPath, type ReportDescriptor, type RuleVisitors } from '../rules/rule.js';
import type { Finding } from './finding.js';
import type { FieldLocator } from './field-locator.js';
import type { EnabledRule } from './rule-settings.js';

/** Everything the rules run against. */
export interface RuleInput {
  readonly system: System;
  readonly graph: DependencyGraph;
  readonly evidence: Evidence;
  readonly today: string;
  readonly locator?: FieldLocator;
}

/**
 * Runs enabled rules in one pass over the declared objects and collects their findings.
 *
 * @example
 * const findings = runRules(resolveRuleSettings(allRules, {}), { system, graph, evidence, today: '2026-11-23' });
 */
export function runRules(enabled: readonly EnabledRule[], input: RuleInput): Finding[] {
  const findings: Finding[] = [];
  const visitors: RuleVisitors[] = enabled.map(({ rule, severity, options }) =>
    rule.create({
      system: input.system,
      graph: input.graph,
      evidence: input.evidence,
      options,
      today: input.today,
      report: (descriptor: ReportDescriptor<string>) => findings.push(toFinding(descriptor, rule.meta, severity, input)),
    }),
  );
  const { system } = input;
  for (const visitor of visitors) {
    if (visitor.source) for (const node of system.sources) visitor.source(node);
    if (visitor.feature) for (const node of system.features) visitor.feature(node);
    if (visitor.model) for (const node of system.models) visitor.model(node);
    if (visitor.output) for (const node of system.outputs) visitor.output(node);
    if (visitor.consumer) for (const node of system.consumers) visitor.consumer(node);
    if (visitor.pipeline) for (const node of system.pipelines) visitor.pipeline(node);
    if (visitor.experiment) for (const node of system.experiments) visitor.experiment(node);
    if (visitor.config) for (const node of system.configs) visitor.config(node);
    visitor.end?.();
  }
  return findings;
}

function toFinding(
  descriptor: ReportDescriptor<string>,
  meta: EnabledRule['rule']['meta'],
  severity: EnabledRule['severity'],
  input: RuleInput,
): Finding {
  const node = input.graph.node(descriptor.node);
  const object = input.system.objects.get(descriptor.node);
  const data = descriptor.data ?? {};
  const related = [...(descriptor.related ?? [])];
  const base = object?.location ?? node?.location ?? { file: input.system.root };
  const precise = object && descriptor.path && input.locator ? input.locator.locate(object, descriptor.path) : undefined;
  return {
    ruleId: meta.id,
    messageId: descriptor.messageId,
    severity: descriptor.severity ?? severity,
    message: fill(meta.messages[descriptor.messageId] ?? descriptor.messageId, data),
    fix: fill(meta.fixes[descriptor.messageId] ?? '', data),
    nodeId: descriptor.node,
    nodeKind: node?.kind ?? object?.kind ?? 'dataset',
    location: precise ? { file: base.file, ...precise } : base,
    related,
    fingerprint: fingerprint(meta.id, descriptor.node, descriptor.messageId, related),
    docs: ruleDocsPath(meta.id),
  };
}

/** Replaces `{{name}}` placeholders with values from data. */
export function fill(template: string, data: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}

function fingerprint(ruleId: string, nodeId: string, messageId: string, related: readonly string[]): string {
  return hash('sha256', [ruleId, nodeId, messageId, ...[...related].sort()].join('\u0000'), 'hex').slice(0, 16);
}
