import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/**
 * The one error type of the serve API: an HTTP status and a message safe to show a client.
 * Routes throw it; {@link errorResponse} turns it into `{ "error": "…" }` (the v2 error body).
 *
 * @example
 * throw new HttpError(404, `unknown model 'ctr_v9'`);
 */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode;
  /** Response headers that belong to the refusal, e.g. `Retry-After` or `WWW-Authenticate`. */
  readonly headers: Readonly<Record<string, string>>;

  constructor(status: ContentfulStatusCode, message: string, options?: { cause?: unknown; headers?: Record<string, string> }) {
    super(message, options);
    this.name = 'HttpError';
    this.status = status;
    this.headers = options?.headers ?? {};
  }
}

/**
 * The response for anything a route threw: an {@link HttpError} as its status and message,
 * anything else as a 500 that says nothing about the internals (the error is logged instead).
 */
export function errorResponse(c: Context, error: unknown, log: (message: string, fields: Record<string, unknown>) => void): Response {
  if (error instanceof HttpError) return c.json({ error: error.message }, error.status, error.headers);
  log('unexpected error while serving a request', { path: c.req.path, error: error instanceof Error ? error.message : String(error) });
  return c.json({ error: 'internal error' }, 500);
}
