/**
 * The registry API: the served system (`/api/system`), its dependency graph (`/api/graph`),
 * graph queries (`/api/query/{upstream|downstream|consumers|impact|path}`) and the live
 * findings (`/api/findings`), with the error of the last manifest reload when it failed.
 */
import type { Hono } from 'hono';
import { PaydownError } from '../../errors.js';
import { checkToJson } from '../../format/json.js';
import { consumersOf, downstream, impact, pathBetween, upstream } from '../../graph/queries.js';
import { HttpError } from '../http-error.js';
import type { ServeCore } from '../serve-core.js';
import { LIVE_LINEAGE_LIMIT, liveFindings } from './live-findings.js';

export function registerRegistryRoutes(app: Hono, core: ServeCore): void {
  app.get('/api/system', (c) => {
    const { system, loadedAt } = core.holder.current.snapshot;
    return c.json({
      root: system.root,
      loadedAt,
      reloadError: core.holder.error ?? null,
      objects: [...system.objects.values()].map((object) => ({ kind: object.kind, id: object.id, doc: object.doc, location: object.location })),
    });
  });

  app.get('/api/graph', (c) => {
    const { graph } = core.holder.current.snapshot;
    return c.json({
      nodes: graph.nodes.map((node) => ({ id: node.id, kind: node.kind, declared: node.object !== undefined, ...(node.owner === undefined ? {} : { owner: node.owner }) })),
      edges: graph.edges.map((edge) => ({
        from: graph.nodes[edge.from].id,
        to: graph.nodes[edge.to].id,
        kind: edge.kind,
        observed: edge.observed,
        ...(edge.version === undefined ? {} : { version: edge.version }),
      })),
    });
  });

  app.get('/api/query/:query', (c) => {
    const { graph } = core.holder.current.snapshot;
    const query = c.req.param('query');
    const need = (name: string): string => {
      const value = c.req.query(name);
      if (value === undefined || value === '') throw new HttpError(400, `/api/query/${query} needs ?${name}=<node id>`);
      return value;
    };
    try {
      switch (query) {
        case 'upstream':
          return c.json({ query, id: need('id'), nodes: upstream(graph, need('id')) });
        case 'downstream':
          return c.json({ query, id: need('id'), nodes: downstream(graph, need('id')) });
        case 'consumers':
          return c.json({ query, id: need('id'), nodes: consumersOf(graph, need('id'), c.req.query('transitive') === 'true') });
        case 'impact':
          return c.json({ query, id: need('id'), impact: impact(graph, need('id')) });
        case 'path':
          return c.json({ query, from: need('from'), to: need('to'), path: pathBetween(graph, need('from'), need('to')) });
        default:
          throw new HttpError(404, `unknown query ${query} (queries: upstream, downstream, consumers, impact, path)`);
      }
    } catch (error) {
      if (error instanceof PaydownError) throw new HttpError(404, error.message);
      throw error;
    }
  });

  app.get('/api/findings', async (c) => {
    const result = liveFindings(core.holder.current, await core.context.store.listLineage(LIVE_LINEAGE_LIMIT));
    return c.json({ ...checkToJson(result), loadedAt: core.holder.current.snapshot.loadedAt, reloadError: core.holder.error ?? null });
  });
}
