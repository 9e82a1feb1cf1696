import type { Hono } from 'hono';
import { parseRef } from '../../manifest/system.js';
import type { ServeCore } from '../serve-core.js';

/**
 * `GET /api/consumers`: every declared consumer with what it reads, its SLA, its tokens (ids
 * only) and what this process measured: requests, refusals, rate-limited calls, latency
 * percentiles and the share answered within the promised latency.
 */
export function registerConsumerRoutes(app: Hono, core: ServeCore): void {
  app.get('/api/consumers', async (c) => {
    const tokens = await core.context.store.listTokens();
    const { system } = core.holder.current.snapshot;
    return c.json({
      consumers: system.consumers.map((consumer) => ({
        id: consumer.id,
        owner: consumer.doc.owner ?? null,
        contact: consumer.doc.contact ?? null,
        reads: consumer.doc.reads.map((read) => parseRef(read).id),
        sla: consumer.doc.sla ?? null,
        tokens: tokens.filter((token) => token.consumer === consumer.id).map((token) => ({ id: token.id, createdAt: token.createdAt, revokedAt: token.revokedAt })),
        observed: core.sla.observation(consumer.id),
      })),
    });
  });
}
