import type { Hono } from 'hono';
import { registerAdminRoutes } from '../admin/routes.js';
import type { ServeContext, ServeExtension, ServingPlan } from '../context.js';
import { registerDashboard } from '../dashboard/routes.js';
import { registerShadowRoute } from '../responses/shadow-route.js';
import type { PredictionRecord } from '../store/store.js';
import { Monitoring, type EvaluationReport, type MonitorsOptions } from './monitoring.js';

/** The monitors extension, with hooks for tests and scripts. */
export interface MonitorsExtension extends ServeExtension {
  /** Evaluates every monitor now (needs `routes` or `start` to have been called). */
  evaluateNow(): Promise<EvaluationReport>;
  /** The running monitors, once the extension has its context. */
  readonly monitoring: Monitoring | undefined;
}

const LIVE: ServingPlan = { mode: 'live' };

/**
 * Everything in `paydown serve` that watches what it serves: the monitors declared in the
 * models (prediction bias, action limits, upstream freshness, input drift) evaluated every
 * `intervalMs`, alerts with webhook delivery, the automatic responses (breaker, fallback,
 * shadow) as serving plans, the read and admin APIs, and the dashboard at `/`.
 *
 * @example
 * const monitors = monitorsExtension({ intervalMs: 10_000, webhookUrl: process.env.PAYDOWN_WEBHOOK_URL });
 * await startServer({ systemDir, extensions: [monitors] });
 */
export function monitorsExtension(options: MonitorsOptions = {}): MonitorsExtension {
  let monitoring: Monitoring | undefined;
  const bind = (context: ServeContext): Monitoring => {
    monitoring ??= new Monitoring(context, options);
    return monitoring;
  };
  return {
    name: 'monitors',
    get monitoring() {
      return monitoring;
    },
    routes(app: Hono, context: ServeContext) {
      const running = bind(context);
      registerAdminRoutes(app, running);
      registerShadowRoute(app, running);
      registerDashboard(app);
    },
    async start(context: ServeContext) {
      await bind(context).start();
    },
    async stop() {
      await monitoring?.stop();
    },
    plans: {
      plan: (model: string) => monitoring?.plans.plan(model) ?? LIVE,
    },
    onPrediction(record: PredictionRecord) {
      try {
        monitoring?.onPrediction(record);
      } catch {
        // The hook must never throw into the gateway; a bad record only loses its action count.
      }
    },
    evaluateNow() {
      if (monitoring === undefined) return Promise.reject(new Error('the monitors extension has no context yet: call routes() or start() first'));
      return monitoring.evaluateNow();
    },
  };
}

export type { MonitorsOptions, EvaluationReport } from './monitoring.js';
