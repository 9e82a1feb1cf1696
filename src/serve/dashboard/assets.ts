import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The browser libraries the dashboard inlines (it loads nothing from elsewhere). */
export interface DashboardLibraries {
  readonly chart: string;
  readonly cytoscape: string;
  readonly dagre: string;
}

let loaded: DashboardLibraries | undefined;

/** Chart.js, cytoscape and cytoscape-dagre read once from node_modules, ready to put in a script tag. */
export function dashboardLibraries(): DashboardLibraries {
  if (loaded !== undefined) return loaded;
  const require = createRequire(import.meta.url);
  const read = (file: string): string => inlineScript(readFileSync(file, 'utf8'));
  loaded = {
    chart: read(path.join(path.dirname(require.resolve('chart.js')), 'chart.umd.min.js')),
    cytoscape: read(require.resolve('cytoscape/dist/cytoscape.min.js')),
    dagre: read(path.join(path.dirname(require.resolve('cytoscape-dagre/package.json')), 'dist', 'cytoscape-dagre.min.js')),
  };
  return loaded;
}

/** Makes code safe inside a `<script>` element. */
export function inlineScript(code: string): string {
  return code.replace(/^\/\/# sourceMappingURL=.*$/gm, '').replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}
