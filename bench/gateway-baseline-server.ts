import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readModelFile } from '../src/learn/model-file.js';

/**
 * The gateway benchmark's baseline: a bare node:http server that reads a v2 request and calls
 * the same in-process model directly: no tokens, no consumer check, no logging, no metrics.
 * Prints its port on standard output.
 *
 * @example
 * // node dist/bench/gateway-baseline-server.js examples/ad-click/serving/ctr-v7.model.json
 */
const model = readModelFile(process.argv[2] ?? '');

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { inputs: { name: string; data: unknown[] }[] };
    const rows = body.inputs[0].data.map((_, row) => Object.fromEntries(body.inputs.map((input) => [input.name, input.data[row]])));
    const scores = rows.map((row) => model.predictOne(row));
    const text = JSON.stringify({ model_name: 'ctr', model_version: '7', outputs: [{ name: 'score', shape: [scores.length], datatype: 'FP64', data: scores }] });
    response.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
