import path from 'node:path';
import { Argument, Option, type Command } from 'commander';
import pc from 'picocolors';
import { PaydownError } from '../../errors.js';
import { loadEvidence } from '../../evidence/load-evidence.js';
import { buildGraph } from '../../graph/build-graph.js';
import type { NodeKind } from '../../graph/graph.js';
import { consumersOf, downstream, impact, pathBetween, requireNode, upstream, type ImpactAnswer, type QueryNode } from '../../graph/queries.js';
import { nodeKindOrder } from '../../graph/render/view.js';
import { loadSystem } from '../../manifest/load-system.js';
import { emit, wantsColor } from '../io.js';
import type { ExitCode } from '../main.js';

type QueryName = 'upstream' | 'downstream' | 'consumers' | 'impact' | 'path';

interface QueryFlags {
  system: string;
  transitive?: boolean;
  evidence: string[];
  format: 'text' | 'json';
}

type Colors = ReturnType<typeof pc.createColors>;

export function registerQuery(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('query')
    .description('ask the dependency graph what a node reads, what reads it, and what a change would affect')
    .addArgument(new Argument('<query>', 'what to ask').choices(['upstream', 'downstream', 'consumers', 'impact', 'path']))
    .argument('<id>', 'the node to ask about')
    .argument('[to-id]', 'for `path`: the other end')
    .option('-s, --system <dir>', 'folder holding the YAML manifests', '.')
    .option('--transitive', 'for `consumers`: include consumers reached through other nodes, not only direct readers')
    .option('-e, --evidence <file>', 'evidence file: OpenLineage events (.jsonl), importance or data evidence (.json); repeatable', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addHelpText(
      'after',
      `
Queries:
  upstream <id>          everything <id> reads, directly or not
  downstream <id>        everything that reads <id>, directly or not
  consumers <id>         consumers (and lineage jobs) reading <id>; --transitive for indirect ones
  impact <id>            features, models, outputs and consumers a change to <id> affects, and whom to tell
  path <id> <to-id>      the chain of data edges between two nodes (either direction)

Exit codes: 0 answered, 2 usage or fatal error (such as an unknown id).

Examples:
  $ paydown query upstream ctr_model --system examples/ad-click
  $ paydown query impact click_log -s examples/ad-click --evidence lineage.jsonl
  $ paydown query consumers ctr_model --transitive --format json
  $ paydown query path click_log ctr_score -s examples/ad-click`,
    )
    .action(async (query: QueryName, id: string, toId: string | undefined, flags: QueryFlags) => {
      done(await runQuery(query, id, toId, flags));
    });
}

async function runQuery(query: QueryName, id: string, toId: string | undefined, flags: QueryFlags): Promise<ExitCode> {
  if (query === 'path' && toId === undefined) throw new PaydownError('PAYDOWN_USAGE', '`query path` needs two ids: paydown query path <from-id> <to-id>');
  if (query !== 'path' && toId !== undefined) throw new PaydownError('PAYDOWN_USAGE', `\`query ${query}\` takes one id; unexpected '${toId}'`);
  const system = await loadSystem(flags.system);
  const configured = (system.config.evidence ?? []).map((file) => path.join(flags.system, file));
  const evidence = await loadEvidence([...configured, ...flags.evidence]);
  const graph = buildGraph(system, evidence);
  const start = requireNode(graph, id);
  const asked = { id: start.id, kind: start.kind, ...(start.owner === undefined ? {} : { owner: start.owner }) };
  const colors = pc.createColors(flags.format === 'text' && wantsColor());
  const json = flags.format === 'json';
  let text: string;
  switch (query) {
    case 'upstream':
    case 'downstream': {
      const nodes = query === 'upstream' ? upstream(graph, id) : downstream(graph, id);
      const heading = query === 'upstream' ? `reads from (upstream)` : `is read by (downstream)`;
      text = json ? toJson({ query, node: asked, nodes }) : closureText(`${start.kind} '${start.id}' ${heading}`, nodes, colors);
      break;
    }
    case 'consumers': {
      const transitive = flags.transitive === true;
      const nodes = consumersOf(graph, id, transitive);
      const heading = `${transitive ? 'all consumers' : 'direct consumers'} of ${start.kind} '${start.id}'`;
      text = json ? toJson({ query, node: asked, transitive, nodes }) : closureText(heading, nodes, colors);
      break;
    }
    case 'impact': {
      const answer = impact(graph, id);
      text = json ? toJson({ query, ...answer }) : impactText(answer, colors);
      break;
    }
    case 'path': {
      const target = requireNode(graph, toId!);
      const nodes = pathBetween(graph, id, target.id);
      const direction = pathDirection(nodes, downstream(graph, id).some((node) => node.id === target.id));
      text = json ? toJson({ query, from: start.id, to: target.id, direction, nodes }) : pathText(start.id, target.id, direction, nodes, colors);
      break;
    }
  }
  await emit(text, undefined);
  return 0;
}

function pathDirection(nodes: readonly QueryNode[], targetIsDownstream: boolean): 'downstream' | 'upstream' | null {
  if (nodes.length === 0) return null;
  return targetIsDownstream || nodes.length === 1 ? 'downstream' : 'upstream';
}

function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function describe(node: QueryNode, colors: Colors, showDepth = true): string {
  const details = [...(showDepth ? [`depth ${node.depth}`] : []), node.owner === undefined ? 'no owner' : `owner ${node.owner}`];
  return `${node.id}  ${colors.dim(`(${details.join(', ')})`)}`;
}

function byKind(nodes: readonly QueryNode[]): Array<[NodeKind, QueryNode[]]> {
  const groups: Array<[NodeKind, QueryNode[]]> = [];
  for (const kind of nodeKindOrder) {
    const members = nodes.filter((node) => node.kind === kind);
    if (members.length > 0) groups.push([kind, members]);
  }
  return groups;
}

function closureText(heading: string, nodes: readonly QueryNode[], colors: Colors): string {
  const lines = [colors.bold(`${heading}: ${count(nodes.length, 'node')}`)];
  if (nodes.length === 0) lines.push(colors.dim('  (none)'));
  for (const [kind, members] of byKind(nodes)) {
    lines.push(`  ${colors.cyan(plural(kind))}`);
    for (const node of members) lines.push(`    ${describe(node, colors)}`);
  }
  return `${lines.join('\n')}\n`;
}

function impactText(answer: ImpactAnswer, colors: Colors): string {
  const total = answer.features.length + answer.models.length + answer.outputs.length + answer.consumers.length + answer.other.length;
  const lines = [colors.bold(`changing ${answer.node.kind} '${answer.node.id}' affects ${count(total, 'node')} downstream`)];
  const section = (title: string, nodes: readonly QueryNode[]): void => {
    lines.push(`  ${colors.cyan(title)} (${nodes.length})`);
    if (nodes.length === 0) lines.push(colors.dim('    none'));
    for (const node of nodes) lines.push(`    ${describe(node, colors)}`);
  };
  section('features', answer.features);
  section('models', answer.models);
  section('outputs', answer.outputs);
  section('consumers', answer.consumers);
  if (answer.other.length > 0) section('other', answer.other);
  lines.push('');
  lines.push(colors.bold('owners to notify'));
  if (answer.owners.length === 0) lines.push(colors.dim('  none declared'));
  for (const owner of answer.owners) lines.push(`  ${owner.owner}: ${owner.nodes.join(', ')}`);
  if (answer.unowned.length > 0) lines.push(colors.yellow(`  no owner: ${answer.unowned.join(', ')}`));
  return `${lines.join('\n')}\n`;
}

function pathText(from: string, to: string, direction: 'downstream' | 'upstream' | null, nodes: readonly QueryNode[], colors: Colors): string {
  if (nodes.length === 0) return `${colors.yellow(`no data path between '${from}' and '${to}'`)}\n`;
  const hops = nodes.length - 1;
  const lines = [colors.bold(`path from '${from}' to '${to}': ${count(hops, 'hop')} ${direction ?? ''}`.trimEnd())];
  const arrow = direction === 'upstream' ? ' ← ' : ' → ';
  if (direction === 'upstream') lines.push(colors.dim(`  ('${to}' feeds '${from}': each node reads the next)`));
  lines.push(`  ${nodes.map((node) => `${node.id} ${colors.dim(`[${node.kind}]`)}`).join(arrow)}`);
  return `${lines.join('\n')}\n`;
}

function count(value: number, noun: string): string {
  return `${value} ${value === 1 ? noun : `${noun}s`}`;
}

function plural(kind: NodeKind): string {
  return `${kind}s`;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
