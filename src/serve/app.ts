import { Hono } from 'hono';
import { limitBody } from './body-limit.js';
import { registerConsumerRoutes } from './consumers/routes.js';
import { registerGatewayRoutes } from './gateway/routes.js';
import { errorResponse } from './http-error.js';
import { registerLineageRoutes } from './lineage/routes.js';
import { registerOutcomeRoutes } from './outcomes/routes.js';
import { registerRegistryRoutes } from './registry/routes.js';
import type { ServeCore } from './serve-core.js';

/**
 * The HTTP app of `paydown serve`: the core routes (gateway, outcomes, registry, lineage,
 * consumers, `/metrics`), then each extension's routes. Every error becomes `{ "error": "…" }`
 * with its status; nothing else (no stack, no token) reaches the client.
 *
 * @example
 * const app = createServeApp(core);
 * const response = await app.request('/v2/health/live');
 */
export function createServeApp(core: ServeCore): Hono {
  const app = new Hono();
  app.onError((error, c) => errorResponse(c, error, (message, fields) => core.context.log('error', message, fields)));
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path}` }, 404));
  app.use('*', limitBody(core.limits.maxBodyBytes));
  registerGatewayRoutes(app, core);
  registerOutcomeRoutes(app, core);
  registerRegistryRoutes(app, core);
  registerLineageRoutes(app, core);
  registerConsumerRoutes(app, core);
  app.get('/metrics', async (c) => {
    const text = await core.context.metrics.metrics();
    return c.body(text, 200, { 'content-type': core.context.metrics.contentType });
  });
  for (const extension of core.extensions) extension.routes?.(app, core.context);
  return app;
}
