/**
 * The gateway's fast lane: inference calls answered straight on Node.js's request and response,
 * before Hono sees them. Hono's Node.js adapter builds a web `Request`, `Headers` and `Response`
 * around every call; for the one route that carries the production traffic that was more work
 * than scoring, logging and metrics together, and its garbage made the collector pause often
 * enough to show in the p99. Everything a call does is still {@link answerInference}, the same
 * function the Hono route calls; only reading the body and writing the answer differ.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorReply, HttpError } from '../http-error.js';
import { parseJsonBody } from '../read-body.js';
import type { ServeCore } from '../serve-core.js';
import { answerInference } from './infer.js';

/** A Node.js request listener (Hono's returns a promise, which nobody awaits). */
export type RequestListener = (request: IncomingMessage, response: ServerResponse) => void | Promise<unknown>;

const INFER_PATH = /^\/v2\/models\/([^/?]+)(?:\/versions\/([^/?]+))?\/infer(?:\?.*)?$/;

/**
 * Wraps the Hono listener: a `POST …/infer` with a `Content-Length` is answered here, anything
 * else (including a chunked body, which Hono's body limit counts) goes to `next` unchanged.
 *
 * @example
 * const server = createServer(withInferFastLane(core, getRequestListener(app.fetch)));
 */
export function withInferFastLane(core: ServeCore, next: RequestListener): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    const call = request.method === 'POST' && request.headers['content-length'] !== undefined ? matchInferPath(request.url ?? '') : undefined;
    if (call === undefined) {
      void next(request, response);
      return;
    }
    void answer(core, request, response, call);
  };
}

/** The model and version of an inference path, or undefined for any other path. */
function matchInferPath(url: string): { model: string; version: string | undefined } | undefined {
  const match = INFER_PATH.exec(url);
  if (match === null) return undefined;
  try {
    return { model: decodeURIComponent(match[1]), version: match[2] === undefined ? undefined : decodeURIComponent(match[2]) };
  } catch {
    return undefined;
  }
}

async function answer(core: ServeCore, request: IncomingMessage, response: ServerResponse, path: { model: string; version: string | undefined }): Promise<void> {
  try {
    const length = Number(request.headers['content-length']);
    if (length > core.limits.maxBodyBytes) throw new HttpError(413, `the request body is larger than ${core.limits.maxBodyBytes} bytes`);
    const reply = await answerInference(core, { ...path, authorization: request.headers.authorization, body: () => readBody(request) });
    send(response, 200, JSON.stringify(reply), {});
  } catch (error) {
    const reply = errorReply(error, request.url?.split('?')[0], (message, fields) => core.context.log('error', message, fields));
    send(response, reply.status, JSON.stringify(reply.body), reply.headers);
  }
}

/** The body as JSON; Node.js's HTTP parser has already held it to its `Content-Length`. */
function readBody(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.once('error', () => reject(new HttpError(400, 'the request body cannot be read')));
    request.once('end', () => {
      try {
        resolve(parseJsonBody(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}

function send(response: ServerResponse, status: number, text: string, headers: Readonly<Record<string, string>>): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}
