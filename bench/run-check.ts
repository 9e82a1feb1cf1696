import { execute } from '../src/cli/main.js';

/**
 * Runs `paydown check` with the given arguments in this process, exactly as `bin/paydown.js`
 * does, then reports the exit code and peak memory on standard error as one JSON line
 * prefixed with `PAYDOWN_BENCH `, for bench/check.bench.ts.
 *
 * @example
 * // node dist/bench/run-check.js check systems/big --format json --output /tmp/out.json
 */
const started = performance.now();
const exitCode = await execute(process.argv.slice(2));
const report = { exitCode, maxRssKb: process.resourceUsage().maxRSS, inProcessMs: performance.now() - started };
process.stderr.write(`PAYDOWN_BENCH ${JSON.stringify(report)}\n`);
process.exitCode = exitCode;
