import type { ServeContext } from '../context.js';
import type { MonitorOutcome } from '../monitors/monitor-outcome.js';
import { AUDIT } from '../responses/respond.js';
import type { AlertRecord } from '../store/store.js';
import type { MonitorMetrics } from './alert-metrics.js';
import type { WebhookPayload, WebhookSender } from './webhook.js';

/** What applying one outcome did to its alert. */
export type AlertTransition = 'fired' | 'refired' | 'resolved' | 'unchanged';

/**
 * The alert lifecycle: a firing outcome opens the alert of its key (or updates the open one:
 * deduplicated, its count grows), a passing outcome resolves it (unless only a person may). New
 * and resolved alerts go to the webhook (queued, never awaited) and new ones to the audit log.
 *
 * @example
 * const alerts = new AlertManager(context, metrics, webhook);
 * await alerts.apply(outcome); // 'fired'
 */
export class AlertManager {
  readonly #context: ServeContext;
  readonly #metrics: MonitorMetrics;
  readonly #webhook: WebhookSender | undefined;

  constructor(context: ServeContext, metrics: MonitorMetrics, webhook?: WebhookSender) {
    this.#context = context;
    this.#metrics = metrics;
    this.#webhook = webhook;
  }

  async apply(outcome: MonitorOutcome): Promise<AlertTransition> {
    const { store } = this.#context;
    const now = this.#context.now();
    if (outcome.firing) {
      const { alert, isNew } = await store.fireAlert(
        {
          key: outcome.key,
          monitor: outcome.monitor.id,
          model: outcome.monitor.model,
          ...(outcome.source === undefined ? {} : { source: outcome.source }),
          severity: outcome.severity,
          message: outcome.message,
          details: outcome.details,
        },
        now,
      );
      if (!isNew) return 'refired';
      await store.appendAudit({ actor: 'system', action: AUDIT.alert, target: outcome.monitor.model, details: { alertId: alert.id, key: alert.key, message: alert.message } }, now);
      this.#notify('firing', alert, outcome);
      return 'fired';
    }
    if (!outcome.resolvable) return 'unchanged';
    const resolved = await store.resolveAlert(outcome.key, now);
    if (resolved === undefined) return 'unchanged';
    this.#notify('resolved', resolved, outcome);
    return 'resolved';
  }

  /** Resolves an alert by key on a person's request (no audit here; the admin route audits). */
  async resolve(key: string): Promise<AlertRecord | undefined> {
    const resolved = await this.#context.store.resolveAlert(key, this.#context.now());
    if (resolved !== undefined) this.#notify('resolved', resolved);
    return resolved;
  }

  /** Updates `paydown_alerts_firing` from the store. */
  async updateMetrics(): Promise<void> {
    const firing = await this.#context.store.listAlerts({ state: 'firing', limit: 10_000 });
    this.#metrics.setFiring({ warning: firing.filter((alert) => alert.severity === 'warning').length, critical: firing.filter((alert) => alert.severity === 'critical').length });
  }

  #notify(event: WebhookPayload['event'], alert: AlertRecord, outcome?: MonitorOutcome): void {
    if (this.#webhook === undefined) return;
    const owners = ownersOf(outcome?.details);
    this.#webhook.send(owners === undefined ? { event, alert } : { event, alert, owners });
  }
}

function ownersOf(details: unknown): WebhookPayload['owners'] {
  if (typeof details !== 'object' || details === null || !('owners' in details)) return undefined;
  return (details as { owners: WebhookPayload['owners'] }).owners;
}
