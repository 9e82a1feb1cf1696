import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';

/**
 * Refuses request bodies over `maxBytes` with 413 and `{ "error": "…" }`. A declared
 * `Content-Length` is checked from the header alone, so the body stays unread for the route
 * (building a web `Request` around it costs more than the whole inference); a chunked body is
 * counted as it is read by Hono's body-limit middleware.
 */
export function limitBody(maxBytes: number): MiddlewareHandler {
  const message = { error: `the request body is larger than ${maxBytes} bytes` };
  const chunked = bodyLimit({ maxSize: maxBytes, onError: (c) => c.json(message, 413) });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    const header = c.req.header('content-length');
    if (header === undefined) return chunked(c, next);
    if (Number(header) > maxBytes) return c.json(message, 413);
    return next();
  };
}
