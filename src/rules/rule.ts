import { Type, type TSchema } from '@sinclair/typebox';
import type { Evidence } from '../evidence/load-evidence.js';
import type { DependencyGraph } from '../graph/graph.js';
import type { PathSegment } from '../manifest/locate-path.js';
import type { Config, Consumer, Experiment, Feature, Model, Output, Pipeline, Source, System } from '../manifest/system.js';

/** How much a finding matters. `error` findings make `paydown check` exit 1. */
export type Severity = 'error' | 'warn' | 'info';

/** The debt a rule is about, following the paper's sections. */
export type RuleCategory = 'dependencies' | 'boundaries' | 'feedback' | 'configuration' | 'monitoring' | 'smells' | 'annotations';

/** Static facts about a rule: what it checks, what it says, and how it is configured. */
export interface RuleMeta<MessageIds extends string, Options extends object> {
  readonly id: string;
  readonly description: string;
  readonly category: RuleCategory;
  readonly severity: Severity;
  /** Part of the `recommended` preset; every rule is part of `strict`. */
  readonly recommended: boolean;
  /** Message templates; `{{name}}` is replaced from the report's data. */
  readonly messages: Readonly<Record<MessageIds, string>>;
  /** A fix hint per message, with the same placeholders. */
  readonly fixes: Readonly<Record<MessageIds, string>>;
  readonly optionsSchema: TSchema;
  readonly defaultOptions: Options;
}

/** What a rule reports: the node, a message id and the data for its template. */
export interface ReportDescriptor<MessageIds extends string> {
  readonly node: string;
  readonly messageId: MessageIds;
  readonly data?: Readonly<Record<string, string | number>>;
  /** The field of the node's document the finding is about, e.g. `['inputs', 2]`. */
  readonly path?: readonly PathSegment[];
  /** Overrides the configured severity for this one finding (e.g. once a date has passed). */
  readonly severity?: Severity;
  /** Other nodes involved (a cycle's members, a chain). */
  readonly related?: readonly string[];
}

/** What a rule sees while it runs. */
export interface RuleContext<MessageIds extends string, Options extends object> {
  readonly system: System;
  readonly graph: DependencyGraph;
  readonly evidence: Evidence;
  readonly options: Options;
  /** Today's date as YYYY-MM-DD, fixed per run so results are reproducible. */
  readonly today: string;
  report(descriptor: ReportDescriptor<MessageIds>): void;
}

/** Handlers a rule returns: called once per declared object of that kind, then `end` once. */
export interface RuleVisitors {
  source?(node: Source): void;
  feature?(node: Feature): void;
  model?(node: Model): void;
  output?(node: Output): void;
  consumer?(node: Consumer): void;
  pipeline?(node: Pipeline): void;
  experiment?(node: Experiment): void;
  config?(node: Config): void;
  end?(): void;
}

/**
 * A rule: its meta and a `create` that returns visitors. Rules report; they never throw.
 *
 * @example
 * export const myRule: Rule<'missing', {}> = {
 *   meta: { id: 'my-rule', ... },
 *   create: (context) => ({ model(model) { if (!model.doc.task) context.report({ node: model.id, messageId: 'missing' }); } }),
 * };
 */
export interface Rule<MessageIds extends string = string, Options extends object = object> {
  readonly meta: RuleMeta<MessageIds, Options>;
  create(context: RuleContext<MessageIds, Options>): RuleVisitors;
}

/** A rule whose message ids and options are not known statically (the registry's view). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry stores rules of every option type; each rule is typed where it is written
export type AnyRule = Rule<string, any>;

/** The options schema of a rule that takes no options. */
export const NoOptions = Type.Object({}, { additionalProperties: false });

/** The documentation page of a rule, relative to the package root. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}
