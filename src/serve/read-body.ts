import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { HttpError } from './http-error.js';

/**
 * Reads a JSON request body of at most `maxBytes` (413 beyond). Under the Node.js server a body
 * with a `Content-Length` is read straight from the socket stream, which is several times
 * cheaper than building a web `Request`; anything else goes through Hono (and its body limit).
 * A body that is not JSON is a 400.
 */
export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  const length = Number(c.req.header('content-length') ?? Number.NaN);
  let text: string;
  try {
    if (incoming !== undefined && Number.isInteger(length) && length <= maxBytes && !incoming.readableDidRead) {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of incoming as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBytes) throw new HttpError(413, `the request body is larger than ${maxBytes} bytes`);
        chunks.push(chunk);
      }
      text = Buffer.concat(chunks).toString('utf8');
    } else {
      text = await c.req.text();
    }
  } catch (error) {
    if (error instanceof HttpError) throw error;
    throw new HttpError(400, 'the request body cannot be read');
  }
  return parseJsonBody(text);
}

/**
 * Parses a request body's text as JSON; a 400 when it is not.
 *
 * @example
 * parseJsonBody('{"inputs": []}'); // { inputs: [] }
 */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'the request body is not valid JSON');
  }
}
