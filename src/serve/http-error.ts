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

/** What a client is told about an error: status, headers and the v2 error body. */
export interface ErrorReply {
  readonly status: ContentfulStatusCode;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: { readonly error: string };
}

/**
 * The reply for anything a route threw: an {@link HttpError} as its status, headers and message,
 * anything else as a 500 that says nothing about the internals (the error is logged instead).
 *
 * @example
 * errorReply(new HttpError(404, 'unknown model m'), '/v2/models/m/infer', log); // { status: 404, headers: {}, body: { error: 'unknown model m' } }
 */
export function errorReply(error: unknown, path: string | undefined, log: (message: string, fields: Record<string, unknown>) => void): ErrorReply {
  if (error instanceof HttpError) return { status: error.status, headers: error.headers, body: { error: error.message } };
  log('unexpected error while serving a request', { path, error: error instanceof Error ? error.message : String(error) });
  return { status: 500, headers: {}, body: { error: 'internal error' } };
}

/** {@link errorReply} as a Hono response. */
export function errorResponse(c: Context, error: unknown, log: (message: string, fields: Record<string, unknown>) => void): Response {
  const reply = errorReply(error, c.req.path, log);
  return c.json(reply.body, reply.status, reply.headers);
}
