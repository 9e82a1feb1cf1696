import type { SourceLocation } from '../errors.js';
import type { NodeKind } from '../graph/graph.js';
import type { Severity } from '../rules/rule.js';

/** One finding of `paydown check`: data, rendered by every output format. */
export interface Finding {
  readonly ruleId: string;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  /** What to do about it. */
  readonly fix: string;
  readonly nodeId: string;
  readonly nodeKind: NodeKind;
  readonly location: SourceLocation;
  readonly related: readonly string[];
  /** Stable across runs and message wording: rule, node, message id and related nodes. */
  readonly fingerprint: string;
  readonly docs: string;
}

/** A finding the manifest accepted with a reason. */
export interface SuppressedFinding extends Finding {
  readonly reason: string;
}

const severityOrder: Record<Severity, number> = { error: 0, warn: 1, info: 2 };

/** Orders findings worst first, then by file, line, rule and node. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityOrder[a.severity] - severityOrder[b.severity] ||
    a.location.file.localeCompare(b.location.file) ||
    (a.location.line ?? 0) - (b.location.line ?? 0) ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.nodeId.localeCompare(b.nodeId) ||
    a.message.localeCompare(b.message)
  );
}
