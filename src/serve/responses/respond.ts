import type { ServeContext } from '../context.js';
import type { MonitorOutcome } from '../monitors/monitor-outcome.js';
import type { StoredServingPlans } from './serving-plans.js';
import { switchKey, type SwitchKind } from './response-switch.js';

/** Audit actions written by automatic responses and by admins. */
export const AUDIT = {
  alert: 'response.alert',
  open: (kind: SwitchKind) => `response.${kind}`,
  reset: (kind: SwitchKind) => `admin.reset.${kind}`,
  resolveAlert: 'admin.alert.resolve',
  revokeToken: 'admin.token.revoke',
} as const;

/**
 * Carries out the declared responses of a firing monitor other than `alert`: opens the breaker
 * (halt-actions), the fallback switch or the shadow switch of its model. A switch already open
 * is left as is; each one opened is written to the audit log. A response the model's `serving`
 * cannot honour (no fallback or shadow version declared) is logged and skipped.
 *
 * @example
 * if (outcome.firing) await applyResponses(context, plans, outcome); // ['halt-actions'] when it opened the breaker
 */
export async function applyResponses(context: ServeContext, plans: StoredServingPlans, outcome: MonitorOutcome): Promise<SwitchKind[]> {
  const opened: SwitchKind[] = [];
  const model = outcome.monitor.model;
  const serving = context.snapshot().system.models.find((candidate) => candidate.id === model)?.doc.serving;
  for (const response of outcome.monitor.respond) {
    if (response === 'alert') continue;
    const version = response === 'fallback' ? serving?.fallback : response === 'shadow' ? serving?.shadow : undefined;
    if (response !== 'halt-actions' && version === undefined) {
      if (!plans.isOpen(response, model)) context.log('warn', `monitor ${outcome.monitor.id} asks for ${response}, but model ${model} declares no serving.${response} version`, { monitor: outcome.monitor.id });
      continue;
    }
    const now = context.now();
    const changed = await context.store.setBreaker(switchKey(response, model), true, `${outcome.monitor.id}: ${outcome.message}`, now);
    plans.note(response, model, true);
    if (!changed) continue;
    opened.push(response);
    await context.store.appendAudit(
      { actor: 'system', action: AUDIT.open(response), target: model, details: { monitor: outcome.monitor.id, alertKey: outcome.key, message: outcome.message, ...(version === undefined ? {} : { version: String(version) }) } },
      now,
    );
    context.log('warn', `${response} for ${model} (${outcome.monitor.id})`, { monitor: outcome.monitor.id, model });
  }
  return opened;
}

/**
 * Closes response switches of a model on a person's request, auditing each one that was open.
 * Returns the switches that were open.
 */
export async function resetSwitches(context: ServeContext, plans: StoredServingPlans, actor: string, model: string, kinds: readonly SwitchKind[], details: Record<string, unknown> = {}): Promise<SwitchKind[]> {
  const closed: SwitchKind[] = [];
  for (const kind of kinds) {
    const now = context.now();
    const changed = await context.store.setBreaker(switchKey(kind, model), false, null, now);
    plans.note(kind, model, false);
    if (!changed) continue;
    closed.push(kind);
    await context.store.appendAudit({ actor, action: AUDIT.reset(kind), target: model, details }, now);
  }
  return closed;
}
