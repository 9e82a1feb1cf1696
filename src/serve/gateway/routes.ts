/**
 * The prediction gateway: the Open Inference Protocol v2 REST subset (health, model metadata and
 * readiness, inference) for declared consumers. Each answered row is one logged prediction.
 */
import type { Context, Hono } from 'hono';
import { readJsonBody } from '../read-body.js';
import type { ServeCore } from '../serve-core.js';
import { authorizeConsumer } from '../tokens/authorize.js';
import { liveOf, servedModel, versionOf } from './find-served.js';
import { answerInference } from './infer.js';

export function registerGatewayRoutes(app: Hono, core: ServeCore): void {
  app.get('/v2', (c) => c.json({ name: 'paydown', version: '1', extensions: [] }));
  app.get('/v2/health/live', (c) => c.json({ live: true }));
  app.get('/v2/health/ready', (c) => (core.ready() ? c.json({ ready: true }) : c.json({ ready: false }, 503)));

  const metadata = async (c: Context, name: string, version: string | undefined): Promise<Response> => {
    const model = servedModel(core, name);
    await authorizeConsumer(core, c.req.header('authorization'), name);
    const served = version === undefined ? liveOf(model) : versionOf(model, version);
    return c.json({
      name,
      versions: [...model.versions.keys()],
      platform: served.platform,
      inputs: served.inputs.map((input) => ({ name: input.name, datatype: input.datatype, shape: [-1] })),
      outputs: [{ name: 'score', datatype: 'FP64', shape: [-1] }, ...(model.action === null ? [] : [{ name: 'action', datatype: 'BYTES', shape: [-1] }])],
      parameters: { live_version: model.liveVersion, ...(version === undefined ? {} : { version }) },
    });
  };
  const ready = async (c: Context, name: string, version: string | undefined): Promise<Response> => {
    const model = servedModel(core, name);
    await authorizeConsumer(core, c.req.header('authorization'), name);
    if (version !== undefined) versionOf(model, version);
    return c.json({ name, ready: core.ready() }, core.ready() ? 200 : 503);
  };
  app.get('/v2/models/:name', (c) => metadata(c, c.req.param('name'), undefined));
  app.get('/v2/models/:name/versions/:version', (c) => metadata(c, c.req.param('name'), c.req.param('version')));
  app.get('/v2/models/:name/ready', (c) => ready(c, c.req.param('name'), undefined));
  app.get('/v2/models/:name/versions/:version/ready', (c) => ready(c, c.req.param('name'), c.req.param('version')));
  const infer = async (c: Context, model: string, version: string | undefined): Promise<Response> =>
    c.json(await answerInference(core, { model, version, authorization: c.req.header('authorization'), body: () => readJsonBody(c, core.limits.maxBodyBytes) }));
  app.post('/v2/models/:name/infer', (c) => infer(c, c.req.param('name'), undefined));
  app.post('/v2/models/:name/versions/:version/infer', (c) => infer(c, c.req.param('name'), c.req.param('version')));
}
