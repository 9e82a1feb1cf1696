import type { Hono } from 'hono';
import { parseDuration } from '../monitors/duration.js';
import type { Monitoring } from '../monitors/monitoring.js';
import { compareShadow } from './shadow-comparison.js';

/** At most this many predictions (live and shadow) are read for one comparison. */
const SHADOW_LIMIT = 50_000;

/**
 * `GET /api/models/{model}/shadow?window=1h&threshold=0.5&slices=country,device`: how the
 * shadow version's predictions differ from the live ones, by slice. The threshold defaults to
 * the model's declared threshold (else 0.5), the slices to those of its prediction-bias monitors.
 */
export function registerShadowRoute(app: Hono, monitoring: Monitoring): void {
  app.get('/api/models/:model/shadow', async (c) => {
    const context = monitoring.context;
    const modelId = c.req.param('model');
    const model = context.snapshot().system.models.find((candidate) => candidate.id === modelId);
    if (model === undefined) return c.json({ error: `unknown model '${modelId}'` }, 404);
    let windowMs: number;
    try {
      windowMs = parseDuration(c.req.query('window') ?? '1h');
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
    const thresholdText = c.req.query('threshold');
    const threshold = thresholdText === undefined ? (model.doc.threshold?.value ?? 0.5) : Number(thresholdText);
    if (!Number.isFinite(threshold)) return c.json({ error: `threshold '${thresholdText}' is not a number` }, 400);
    const slicesText = c.req.query('slices');
    const slices =
      slicesText === undefined
        ? [...new Set(monitoring.monitors().filter((monitor) => monitor.model === modelId && monitor.type === 'prediction-bias').flatMap((monitor) => monitor.slices))]
        : slicesText.split(',').filter((slice) => slice !== '');
    const now = context.now();
    const records = await context.store.listPredictions(modelId, now - windowMs, now + 1, SHADOW_LIMIT);
    const serving = model.doc.serving;
    return c.json({
      model: modelId,
      windowMs,
      shadowActive: monitoring.plans.isOpen('shadow', modelId),
      declaredShadow: serving?.shadow === undefined ? null : String(serving.shadow),
      ...compareShadow(records, { threshold, slices }),
    });
  });
}
