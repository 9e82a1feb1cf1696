import type { Hono } from 'hono';
import { isAdminAuthorization } from '../admin-token.js';
import { HttpError } from '../http-error.js';
import { readJsonBody } from '../read-body.js';
import type { ServeCore } from '../serve-core.js';
import { parseOutcomes } from './parse-outcomes.js';

/** Most outcomes in one request. */
const MAX_OUTCOMES = 10_000;

/**
 * `POST /api/outcomes`: labels for earlier predictions, by prediction id, from the admin or any
 * consumer with a valid token. Journaled before the answer, like predictions.
 */
export function registerOutcomeRoutes(app: Hono, core: ServeCore): void {
  app.post('/api/outcomes', async (c) => {
    const header = c.req.header('authorization');
    if (!isAdminAuthorization(header, core.context.adminTokenHash)) {
      const caller = await core.verifier.verify(header);
      if (!caller.ok) throw new HttpError(caller.reason === 'revoked' ? 403 : 401, caller.reason === 'revoked' ? 'the token was revoked' : 'outcomes need a consumer or admin token: Authorization: Bearer …');
    }
    const body = await readJsonBody(c, core.limits.maxBodyBytes);
    const parsed = parseOutcomes(body, core.context.now(), MAX_OUTCOMES);
    if ('error' in parsed) throw new HttpError(400, parsed.error);
    core.log.logOutcomes(parsed.outcomes);
    core.metrics.outcomes.inc(parsed.outcomes.length);
    return c.json({ accepted: parsed.outcomes.length });
  });
}
