import type { Context, Hono } from 'hono';
import { restartActionCounts } from '../monitors/action-limit.js';
import { parseDuration } from '../monitors/duration.js';
import type { Monitoring } from '../monitors/monitoring.js';
import { AUDIT, resetSwitches } from '../responses/respond.js';
import { parseSwitchKey, switchKinds, type SwitchKind } from '../responses/response-switch.js';
import { requireAdmin } from './admin-auth.js';

const ADMIN_ACTOR = 'admin';

/**
 * The read APIs of the monitors (`GET /api/alerts`, `/api/audit`, `/api/monitors`,
 * `/api/breakers`) and the admin actions, which need `Authorization: Bearer <admin token>`:
 * `POST /api/admin/breakers/{model}/reset`, `/api/admin/alerts/{id}/resolve`,
 * `/api/admin/tokens/{id}/revoke`, and `GET /api/admin/tokens`. Every admin action is audited.
 *
 * @example
 * registerAdminRoutes(app, monitoring);
 * await app.request('/api/admin/breakers/spam_filter/reset', { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } });
 */
export function registerAdminRoutes(app: Hono, monitoring: Monitoring): void {
  const context = monitoring.context;
  const { store } = context;

  app.get('/api/alerts', async (c) => {
    const state = c.req.query('state');
    if (state !== undefined && state !== 'firing' && state !== 'resolved') return c.json({ error: "state must be 'firing' or 'resolved'" }, 400);
    const limit = boundedInteger(c.req.query('limit'), 200, 10_000);
    if (limit === undefined) return c.json({ error: 'limit must be a positive integer' }, 400);
    return c.json({ alerts: await store.listAlerts({ ...(state === undefined ? {} : { state }), limit }) });
  });

  app.get('/api/audit', async (c) => {
    const limit = boundedInteger(c.req.query('limit'), 200, 10_000);
    if (limit === undefined) return c.json({ error: 'limit must be a positive integer' }, 400);
    return c.json({ audit: await store.listAudit(limit) });
  });

  app.get('/api/monitors', async (c) => {
    let sinceMs: number;
    try {
      sinceMs = parseDuration(c.req.query('since') ?? '6h');
    } catch (error) {
      return c.json({ error: (error as Error).message }, 400);
    }
    const now = context.now();
    const open = new Map((await store.listAlerts({ state: 'firing', limit: 10_000 })).map((alert) => [alert.key, alert]));
    const last = monitoring.last;
    const monitors = [];
    for (const monitor of monitoring.monitors()) {
      const values = await store.listMonitorValues(monitor.id, now - sinceMs);
      const series = new Map<string, Array<{ at: number; value: number; samples: number }>>();
      for (const value of values) series.set(value.slice, [...(series.get(value.slice) ?? []), { at: value.at, value: value.value, samples: value.samples }]);
      const outcomes = last?.outcomes.filter((outcome) => outcome.monitor.id === monitor.id) ?? [];
      monitors.push({
        ...monitor,
        firing: [...open.values()].some((alert) => alert.monitor === monitor.id),
        alerts: [...open.values()].filter((alert) => alert.monitor === monitor.id),
        lastEvaluation: last === undefined ? null : { at: last.at, outcomes: outcomes.map((outcome) => ({ key: outcome.key, firing: outcome.firing, message: outcome.message })), error: last.errors.find((error) => error.monitor === monitor.id)?.message ?? null },
        series: [...series].map(([slice, points]) => ({ slice, points: points.sort((a, b) => a.at - b.at) })).sort((a, b) => a.slice.localeCompare(b.slice)),
      });
    }
    return c.json({ now, monitors });
  });

  app.get('/api/breakers', async (c) => {
    const breakers = (await store.listBreakers()).map((breaker) => ({ ...parseSwitchKey(breaker.model), open: breaker.open, reason: breaker.reason, changedAt: breaker.changedAt }));
    const models = context.snapshot().system.models.map((model) => ({ model: model.id, plan: monitoring.plans.plan(model.id) }));
    return c.json({ breakers, plans: models });
  });

  const admin = requireAdmin(context.adminTokenHash);

  app.get('/api/admin/tokens', admin, async (c) => {
    const tokens = await store.listTokens();
    return c.json({ tokens: tokens.map((token) => ({ id: token.id, consumer: token.consumer, createdAt: token.createdAt, revokedAt: token.revokedAt })) });
  });

  app.post('/api/admin/breakers/:model/reset', admin, async (c) => {
    const model = c.req.param('model');
    if (!context.snapshot().system.models.some((candidate) => candidate.id === model)) return c.json({ error: `unknown model '${model}'` }, 404);
    const body = await optionalJson(c);
    if (body === null) return c.json({ error: 'the body must be JSON: { "responses": ["halt-actions" | "fallback" | "shadow", ...] } or empty' }, 400);
    const requested = (body as { responses?: unknown }).responses ?? switchKinds;
    if (!Array.isArray(requested) || !requested.every((kind) => switchKinds.includes(kind as SwitchKind))) {
      return c.json({ error: `responses must be a list of ${switchKinds.join(', ')}` }, 400);
    }
    const kinds = requested as SwitchKind[];
    const limitMonitors = monitoring.monitors().filter((monitor) => monitor.model === model && monitor.type === 'action-limit');
    if (kinds.includes('halt-actions')) {
      await restartActionCounts(store, model, limitMonitors.flatMap((monitor) => monitor.limits), context.now());
    }
    const closed = await resetSwitches(context, monitoring.plans, ADMIN_ACTOR, model, kinds);
    const resolved = [];
    if (kinds.includes('halt-actions')) {
      for (const monitor of limitMonitors) {
        const alert = await monitoring.alerts.resolve(monitor.id);
        if (alert !== undefined) resolved.push(alert.id);
      }
    }
    await monitoring.alerts.updateMetrics();
    return c.json({ model, closed, resolvedAlerts: resolved, plan: monitoring.plans.plan(model) });
  });

  app.post('/api/admin/alerts/:id/resolve', admin, async (c) => {
    const id = Number(c.req.param('id'));
    const alert = (await store.listAlerts({ state: 'firing', limit: 10_000 })).find((candidate) => candidate.id === id);
    if (alert === undefined) return c.json({ error: `no firing alert with id ${c.req.param('id')}` }, 404);
    const resolved = await monitoring.alerts.resolve(alert.key);
    await store.appendAudit({ actor: ADMIN_ACTOR, action: AUDIT.resolveAlert, target: alert.key, details: { alertId: alert.id, monitor: alert.monitor } }, context.now());
    await monitoring.alerts.updateMetrics();
    return c.json({ alert: resolved ?? alert });
  });

  app.post('/api/admin/tokens/:id/revoke', admin, async (c) => {
    const id = c.req.param('id');
    const token = await store.findToken(id);
    if (token === undefined) return c.json({ error: `no token with id '${id}'` }, 404);
    const revoked = await store.revokeToken(id, context.now());
    if (revoked) await store.appendAudit({ actor: ADMIN_ACTOR, action: AUDIT.revokeToken, target: id, details: { consumer: token.consumer } }, context.now());
    return c.json({ id, consumer: token.consumer, revoked, alreadyRevoked: !revoked });
  });
}

function boundedInteger(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) return undefined;
  return Math.min(value, max);
}

/** The JSON body, `{}` when empty, or null when it is not a JSON object. */
async function optionalJson(c: Context): Promise<object | null> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
