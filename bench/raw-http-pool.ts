import { connect, type Socket } from 'node:net';

/**
 * A lean HTTP/1.1 client for load generation: kept-alive TCP connections that send prepared
 * request bytes and read answers with `Content-Length` framing, one request per connection at a
 * time, opening another connection when all are busy. Node.js's `http` client allocates request,
 * response and header objects per call; at thousands of requests per second that work and its
 * garbage collection delay the client's own timers, and the delay is charged to the server under
 * test. This client does only what timing a request needs: the status code and the end of the
 * body. It refuses what it cannot frame (chunked answers) rather than guess.
 *
 * @example
 * Idle connections are reused oldest first, so none sits idle long enough for the server's
 * keep-alive timeout to close it under a request.
 *
 * const pool = new RawHttpPool('127.0.0.1', 8080, 256);
 * const request = RawHttpPool.post('/v2/models/ctr/infer', { authorization: 'Bearer …' }, body);
 * const { status, endedAt } = await pool.send(request);
 * pool.close();
 */
export class RawHttpPool {
  readonly #host: string;
  readonly #port: number;
  readonly #maxConnections: number;
  readonly #idle: RawConnection[] = [];
  readonly #all = new Set<RawConnection>();
  readonly #waiting: { request: Buffer; resolve: (answer: RawAnswer) => void; reject: (error: Error) => void }[] = [];

  constructor(host: string, port: number, maxConnections: number) {
    this.#host = host;
    this.#port = port;
    this.#maxConnections = maxConnections;
  }

  /** The bytes of a POST request with a JSON body. */
  static post(path: string, headers: Readonly<Record<string, string>>, body: Buffer): Buffer {
    const lines = [`POST ${path} HTTP/1.1`, 'host: localhost', 'connection: keep-alive', 'content-type: application/json', `content-length: ${body.length}`];
    for (const [name, value] of Object.entries(headers)) {
      if (name !== 'content-type' && name !== 'content-length') lines.push(`${name}: ${value}`);
    }
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
  }

  /** Sends a request on an idle connection (or a new one, or the next to become idle). */
  send(request: Buffer): Promise<RawAnswer> {
    return new Promise((resolve, reject) => {
      const connection = this.#idle.shift() ?? (this.#all.size < this.#maxConnections ? this.#open() : undefined);
      if (connection === undefined) this.#waiting.push({ request, resolve, reject });
      else connection.send(request, resolve, reject);
    });
  }

  close(): void {
    for (const connection of this.#all) connection.socket.destroy();
  }

  #open(): RawConnection {
    const connection = new RawConnection(connect(this.#port, this.#host), (done) => this.#release(done));
    this.#all.add(connection);
    connection.socket.once('close', () => {
      this.#all.delete(connection);
      const at = this.#idle.indexOf(connection);
      if (at >= 0) this.#idle.splice(at, 1);
    });
    return connection;
  }

  #release(connection: RawConnection): void {
    const next = this.#waiting.shift();
    if (next === undefined) this.#idle.push(connection);
    else connection.send(next.request, next.resolve, next.reject);
  }
}

/** What the load generator keeps of an answer. */
export interface RawAnswer {
  readonly status: number;
  /** performance.now() when the last byte of the body arrived. */
  readonly endedAt: number;
}

const HEADER_END = Buffer.from('\r\n\r\n', 'latin1');

/** One kept-alive connection with at most one request in flight. */
class RawConnection {
  readonly socket: Socket;
  readonly #onIdle: (connection: RawConnection) => void;
  #received: Buffer = Buffer.alloc(0);
  #resolve: ((answer: RawAnswer) => void) | undefined;
  #reject: ((error: Error) => void) | undefined;

  constructor(socket: Socket, onIdle: (connection: RawConnection) => void) {
    this.socket = socket;
    this.#onIdle = onIdle;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    socket.on('error', (error) => this.#fail(error));
    socket.on('close', () => this.#fail(new Error('the server closed the connection')));
  }

  send(request: Buffer, resolve: (answer: RawAnswer) => void, reject: (error: Error) => void): void {
    this.#resolve = resolve;
    this.#reject = reject;
    this.socket.write(request);
  }

  #read(chunk: Buffer): void {
    this.#received = this.#received.length === 0 ? chunk : Buffer.concat([this.#received, chunk]);
    const headerEnd = this.#received.indexOf(HEADER_END);
    if (headerEnd < 0) return;
    const head = this.#received.toString('latin1', 0, headerEnd);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (length === null) {
      this.#fail(new Error('an answer without Content-Length (this client does not read chunked bodies)'));
      this.socket.destroy();
      return;
    }
    const end = headerEnd + HEADER_END.length + Number(length[1]);
    if (this.#received.length < end) return;
    const endedAt = performance.now();
    const status = Number(head.slice(9, 12));
    this.#received = this.#received.subarray(end);
    const resolve = this.#resolve;
    this.#resolve = undefined;
    this.#reject = undefined;
    resolve?.({ status, endedAt });
    this.#onIdle(this);
  }

  #fail(error: Error): void {
    const reject = this.#reject;
    this.#resolve = undefined;
    this.#reject = undefined;
    reject?.(error);
  }
}
