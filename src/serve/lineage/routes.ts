/**
 * The OpenLineage endpoint, compatible with Marquez's `POST /api/v1/lineage`: run events are
 * stored and feed the live `undeclared-consumer` findings and the upstream-freshness monitor
 * (a COMPLETE event marks each output dataset as written). `POST /api/heartbeat { source }`
 * marks a declared source as fresh without lineage.
 */
import type { Hono } from 'hono';
import type { Problem } from '../../errors.js';
import { parseOpenLineage } from '../../evidence/openlineage.js';
import { HttpError } from '../http-error.js';
import { readJsonBody } from '../read-body.js';
import type { ServeCore } from '../serve-core.js';

export function registerLineageRoutes(app: Hono, core: ServeCore): void {
  app.post('/api/v1/lineage', async (c) => {
    const body = await readJsonBody(c, core.limits.maxBodyBytes);
    const problems: Problem[] = [];
    const [event] = parseOpenLineage(JSON.stringify(body), 'request', problems);
    if (event === undefined || problems.length > 0) throw new HttpError(400, problems.map((p) => p.message).join('; ') || 'not an OpenLineage run event');
    const eventTime = event.eventTime === undefined ? Number.NaN : Date.parse(event.eventTime);
    await core.context.store.appendLineage({
      at: Number.isFinite(eventTime) ? eventTime : core.context.now(),
      eventType: event.eventType,
      jobNamespace: event.job.namespace,
      jobName: event.job.name,
      inputs: event.inputs,
      outputs: event.outputs,
      raw: body,
    });
    core.metrics.lineageEvents.inc({ event_type: event.eventType });
    return c.body(null, 201);
  });

  app.get('/api/lineage', async (c) => {
    const limit = Math.min(10_000, Math.max(1, Number(c.req.query('limit') ?? 100) || 100));
    return c.json({ events: await core.context.store.listLineage(limit) });
  });

  app.post('/api/heartbeat', async (c) => {
    const body = (await readJsonBody(c, core.limits.maxBodyBytes)) as { source?: unknown } | null;
    const source = body?.source;
    if (typeof source !== 'string' || source === '') throw new HttpError(400, 'the body must be { "source": "<source id>" }');
    const declared = core.holder.current.snapshot.system.sources.some((candidate) => candidate.id === source);
    if (!declared) throw new HttpError(404, `unknown source ${source}`);
    const at = core.context.now();
    await core.context.store.recordHeartbeat(source, at);
    return c.json({ source, at });
  });
}
