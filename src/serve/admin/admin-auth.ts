import type { MiddlewareHandler } from 'hono';
import { isAdminAuthorization } from '../admin-token.js';

/**
 * Refuses a request without the admin token (`Authorization: Bearer <token>`, its SHA-256
 * compared in constant time by the core's `isAdminAuthorization`) with a 401 and a JSON error;
 * the token given is never echoed.
 *
 * @example
 * app.post('/api/admin/breakers/:model/reset', requireAdmin(context.adminTokenHash), handler);
 */
export function requireAdmin(adminTokenHash: string): MiddlewareHandler {
  return async (c, next) => {
    if (!isAdminAuthorization(c.req.header('authorization'), adminTokenHash)) {
      c.header('WWW-Authenticate', 'Bearer realm="paydown admin"');
      return c.json({ error: 'this action needs the admin token: Authorization: Bearer <admin token>' }, 401);
    }
    await next();
    return undefined;
  };
}
