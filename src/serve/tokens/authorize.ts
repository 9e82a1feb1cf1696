import { isAdminAuthorization } from '../admin-token.js';
import { HttpError } from '../http-error.js';
import type { ServeCore } from '../serve-core.js';

/**
 * Who is calling a model (from the `Authorization` header's value), or an {@link HttpError}: 401 without a valid token, 403 when the
 * token's consumer is not declared as reading an output of the model or the token is revoked.
 * Refusals of a known consumer are written to the audit log (actor = the consumer) and counted.
 */
export async function authorizeConsumer(core: ServeCore, header: string | undefined, model: string): Promise<{ consumer: string; tokenId: string }> {
  const caller = await core.verifier.verify(header);
  if (!caller.ok) {
    core.metrics.refused.inc({ model, consumer: caller.consumer ?? '', reason: caller.reason === 'revoked' ? 'revoked' : 'unauthenticated' });
    if (caller.reason === 'revoked' && caller.consumer !== undefined) {
      core.sla.refused(caller.consumer);
      await audit(core, caller.consumer, 'gateway.refused', model, { reason: 'revoked token', tokenId: caller.tokenId });
      throw new HttpError(403, `token ${caller.tokenId ?? ''} was revoked`);
    }
    if (caller.reason === 'unknown' && isAdminAuthorization(header, core.context.adminTokenHash)) {
      throw new HttpError(403, 'the admin token cannot call models; create a consumer token with `paydown token create`');
    }
    const headers = { 'WWW-Authenticate': 'Bearer realm="paydown"' };
    throw new HttpError(401, caller.reason === 'missing' ? 'this call needs a consumer token: Authorization: Bearer pd_…' : 'the token is not valid', { headers });
  }
  const allowed = core.holder.current.access.get(model);
  if (allowed === undefined || !allowed.has(caller.consumer)) {
    core.metrics.refused.inc({ model, consumer: caller.consumer, reason: 'undeclared-consumer' });
    core.sla.refused(caller.consumer);
    await audit(core, caller.consumer, 'gateway.refused', model, { reason: 'undeclared consumer', tokenId: caller.tokenId });
    throw new HttpError(403, `consumer ${caller.consumer} is not declared as reading an output of model ${model}; declare it in the consumer's reads`);
  }
  return { consumer: caller.consumer, tokenId: caller.tokenId };
}

async function audit(core: ServeCore, actor: string, action: string, target: string, details: unknown): Promise<void> {
  try {
    await core.context.store.appendAudit({ actor, action, target, details }, core.context.now());
  } catch (error) {
    core.context.log('error', 'cannot write to the audit log', { action, target, error: error instanceof Error ? error.message : String(error) });
  }
}
