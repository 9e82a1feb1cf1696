import { readFileSync } from 'node:fs';
import { RawHttpPool } from './raw-http-pool.js';

/**
 * An open-loop load generator for the gateway benchmark: requests are sent at evenly spaced
 * intended times (rate per second, for a duration), whatever the server's answers do, and each
 * latency is measured from the request's intended start, so a stalled server is charged for the
 * requests that queued behind the stall (no coordinated omission). autocannon's `-R` is not this:
 * each connection sends its quota for the second as fast as it can at the start of the second,
 * then waits, so at "2,000/s" the server is saturated for part of every second.
 *
 * The body is `--body`, or with `--bodies FILE` one JSON body per line of FILE, sent in turn
 * (real traffic does not repeat one row, and a repeated row is an input drift to the monitors).
 *
 * Runs as its own process (the benchmark spawns it) and prints one JSON line:
 * `{ sent, failed, p50, p90, p99, p999, max }` in milliseconds.
 *
 * @example
 * // node dist/bench/open-loop-client.js --url http://127.0.0.1:8080/v2/models/ctr/infer \
 * //   --rate 2000 --duration 10 --body '{"inputs":[]}' --header 'authorization=Bearer …'
 */

interface Options {
  readonly url: URL;
  readonly rate: number;
  readonly durationS: number;
  readonly warmupS: number;
  /** Sent in turn, one per request. */
  readonly bodies: readonly string[];
  readonly headers: Record<string, string>;
}

function parseOptions(argv: readonly string[]): Options {
  const value = (name: string): string | undefined => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  argv.forEach((arg, at) => {
    if (arg !== '--header') return;
    const [name, ...rest] = (argv[at + 1] ?? '').split('=');
    headers[name.toLowerCase()] = rest.join('=');
  });
  return {
    url: new URL(value('--url') ?? ''),
    rate: Number(value('--rate') ?? 2_000),
    durationS: Number(value('--duration') ?? 10),
    warmupS: Number(value('--warmup') ?? 2),
    bodies: readBodies(value('--bodies'), value('--body')),
    headers,
  };
}

function readBodies(file: string | undefined, body: string | undefined): string[] {
  if (file === undefined) return [body ?? '{}'];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '');
}

/** Runs the schedule: warm-up (not recorded), then the measured seconds; resolves with latencies. */
async function run(options: Options): Promise<{ latencies: Float64Array; failed: number }> {
  const pool = new RawHttpPool(options.url.hostname, Number(options.url.port), 512);
  const requests = options.bodies.map((body) => RawHttpPool.post(options.url.pathname, options.headers, Buffer.from(body, 'utf8')));
  const intervalMs = 1_000 / options.rate;
  const warmup = Math.round(options.warmupS * options.rate);
  const total = warmup + Math.round(options.durationS * options.rate);
  const latencies = new Float64Array(total - warmup);
  const inFlight: Promise<void>[] = [];
  let failed = 0;
  let next = 0;
  const start = performance.now() + 20;
  await new Promise<void>((done) => {
    const tick = (): void => {
      const now = performance.now();
      while (next < total && start + next * intervalMs <= now) {
        const index = next;
        const intended = start + index * intervalMs;
        inFlight.push(
          pool.send(requests[index % requests.length]).then(
            ({ status, endedAt }) => {
              if (status !== 200) failed += 1;
              if (index >= warmup) latencies[index - warmup] = status === 200 ? endedAt - intended : Number.NaN;
            },
            () => {
              failed += 1;
              if (index >= warmup) latencies[index - warmup] = Number.NaN;
            },
          ),
        );
        next += 1;
      }
      // A timer, not a busy loop: the client must not take a core from the server. Node's timers
      // fire at 1 ms granularity, so at 2,000/s requests leave in pairs, 1 ms apart.
      if (next < total) setTimeout(tick, Math.max(0, start + next * intervalMs - performance.now()));
      else done();
    };
    tick();
  });
  await Promise.all(inFlight);
  pool.close();
  return { latencies, failed };
}

const options = parseOptions(process.argv.slice(2));
const { latencies, failed } = await run(options);
const measured = latencies.filter((value) => !Number.isNaN(value)).sort();
const at = (q: number): number => measured[Math.min(measured.length - 1, Math.floor(q * measured.length))] ?? Number.NaN;
process.stdout.write(`${JSON.stringify({ sent: latencies.length, failed, p50: at(0.5), p90: at(0.9), p99: at(0.99), p999: at(0.999), max: measured.at(-1) ?? Number.NaN })}\n`);
