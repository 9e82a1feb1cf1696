import path from 'node:path';
import { Option, type Command } from 'commander';
import { check } from '../../check/check.js';
import { PaydownError } from '../../errors.js';
import { loadEvidence } from '../../evidence/load-evidence.js';
import { renderDot } from '../../graph/render/dot.js';
import { renderHtml } from '../../graph/render/html.js';
import { renderMermaid } from '../../graph/render/mermaid.js';
import type { RenderOptions } from '../../graph/render/view.js';
import { loadSystem } from '../../manifest/load-system.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

type GraphFormat = 'mermaid' | 'dot' | 'html';

interface GraphFlags {
  format?: GraphFormat;
  focus?: string;
  depth: string;
  evidence: string[];
  output?: string;
}

const byExtension: Record<string, GraphFormat> = { '.html': 'html', '.htm': 'html', '.dot': 'dot', '.gv': 'dot', '.mmd': 'mermaid', '.mermaid': 'mermaid' };

export function registerGraph(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('graph')
    .description('draw the dependency graph of a system, marking the nodes that have findings')
    .argument('[system-dir]', 'folder holding the YAML manifests', '.')
    .addOption(
      new Option('-f, --format <format>', 'output format (default: from the --output extension, else mermaid)').choices(['mermaid', 'dot', 'html']),
    )
    .option('--focus <id>', 'draw only the nodes within --depth data-edge hops up- and downstream of this node')
    .option('--depth <n>', 'hops around --focus', '2')
    .option('-e, --evidence <file>', 'evidence file: OpenLineage events (.jsonl), importance or data evidence (.json); repeatable', collect, [])
    .option('-o, --output <file>', 'write the picture to a file instead of standard output')
    .addHelpText(
      'after',
      `
The html format is one self-contained page (works offline): pan, zoom, search, and click a
node to see its owner, where it is declared and its findings.

Examples:
  $ paydown graph examples/ad-click --format html --output graph.html
  $ paydown graph examples/ad-click --focus ctr_model --depth 1
  $ paydown graph systems/ads --evidence lineage.jsonl --format dot | dot -Tsvg > graph.svg`,
    )
    .action(async (systemDir: string, flags: GraphFlags) => {
      done(await runGraph(systemDir, flags));
    });
}

async function runGraph(systemDir: string, flags: GraphFlags): Promise<ExitCode> {
  const depth = Number(flags.depth);
  if (!/^\d+$/.test(flags.depth) || !Number.isSafeInteger(depth)) {
    throw new PaydownError('PAYDOWN_USAGE', `--depth expects a whole number of hops (0 or more), got '${flags.depth}'`);
  }
  const format = flags.format ?? (flags.output === undefined ? undefined : byExtension[path.extname(flags.output).toLowerCase()]) ?? 'mermaid';
  const system = await loadSystem(systemDir);
  const configured = (system.config.evidence ?? []).map((file) => path.join(systemDir, file));
  const evidence = await loadEvidence([...configured, ...flags.evidence]);
  const result = check(system, { evidence });
  const options: RenderOptions = {
    findings: result.findings,
    title: systemDir === '.' ? path.basename(path.resolve(systemDir)) : systemDir,
    depth,
    ...(flags.focus === undefined ? {} : { focus: flags.focus }),
  };
  const render = { mermaid: renderMermaid, dot: renderDot, html: renderHtml }[format];
  await emit(render(result.graph, options), flags.output);
  if (flags.output !== undefined) process.stderr.write(`wrote the ${format} graph to ${flags.output}\n`);
  return 0;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
