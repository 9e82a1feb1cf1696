import { HttpError } from '../http-error.js';

/** An Open Inference Protocol v2 inference request, reduced to rows of named inputs. */
export interface InferRequest {
  /** The client's request id, echoed back. */
  readonly id: string | undefined;
  readonly rows: Readonly<Record<string, unknown>>[];
}

const DATATYPES = new Set(['BOOL', 'UINT8', 'UINT16', 'UINT32', 'UINT64', 'INT8', 'INT16', 'INT32', 'INT64', 'FP16', 'FP32', 'FP64', 'BYTES']);

/**
 * Reads a v2 inference request body: one tensor per model input (`name`, `shape` `[n]` or
 * `[n, 1]`, `datatype`, `data` flat or nested), all with the same batch size `n`, at most
 * `maxBatch`. Anything else is a 400 naming what is wrong.
 *
 * @example
 * parseInferRequest({ inputs: [{ name: 'ctr_7d', shape: [1], datatype: 'FP64', data: [0.02] }] }, new Set(['ctr_7d']), 100);
 * // { id: undefined, rows: [{ ctr_7d: 0.02 }] }
 */
export function parseInferRequest(body: unknown, features: ReadonlySet<string>, maxBatch: number): InferRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'the request body must be a JSON object with "inputs"');
  const { id, inputs } = body as { id?: unknown; inputs?: unknown };
  if (id !== undefined && typeof id !== 'string') throw new HttpError(400, '"id" must be a string');
  if (!Array.isArray(inputs) || inputs.length === 0) throw new HttpError(400, '"inputs" must be a non-empty array of tensors');
  let batch: number | undefined;
  const columns: { name: string; data: unknown[] }[] = [];
  const seen = new Set<string>();
  inputs.forEach((tensor: unknown, index) => {
    const where = `inputs[${index}]`;
    if (typeof tensor !== 'object' || tensor === null) throw new HttpError(400, `${where} must be an object with name, shape, datatype and data`);
    const { name, shape, datatype, data } = tensor as { name?: unknown; shape?: unknown; datatype?: unknown; data?: unknown };
    if (typeof name !== 'string' || name === '') throw new HttpError(400, `${where}.name must be a non-empty string`);
    if (!features.has(name)) throw new HttpError(400, `${where}: '${name}' is not an input of this model (inputs: ${[...features].join(', ')})`);
    if (seen.has(name)) throw new HttpError(400, `${where}: '${name}' is given twice`);
    seen.add(name);
    if (typeof datatype !== 'string' || !DATATYPES.has(datatype)) throw new HttpError(400, `${where}.datatype must be a v2 datatype (FP64, INT64, BYTES, BOOL, …)`);
    if (!Array.isArray(shape) || shape.length === 0 || shape.length > 2 || !shape.every((d) => Number.isInteger(d) && (d as number) >= 0)) {
      throw new HttpError(400, `${where}.shape must be [n] or [n, 1]`);
    }
    if (shape.length === 2 && shape[1] !== 1) throw new HttpError(400, `${where}.shape must be [n] or [n, 1]: one tensor per input`);
    const rows = shape[0] as number;
    if (!Array.isArray(data)) throw new HttpError(400, `${where}.data must be an array`);
    const flat = data.some(Array.isArray) ? (data.flat(2) as unknown[]) : data;
    if (flat.length !== rows) throw new HttpError(400, `${where}: shape says ${rows} values, data has ${flat.length}`);
    for (const value of flat) {
      const ok = datatype === 'BYTES' ? typeof value === 'string' || value === null : datatype === 'BOOL' ? typeof value === 'boolean' || value === null : typeof value === 'number' || value === null;
      if (!ok) throw new HttpError(400, `${where}: ${JSON.stringify(value)} is not a ${datatype} value`);
    }
    if (batch === undefined) batch = rows;
    else if (batch !== rows) throw new HttpError(400, `${where}: every input must have the same batch size (${batch}), not ${rows}`);
    columns.push({ name, data: flat });
  });
  const n = batch ?? 0;
  if (n === 0) throw new HttpError(400, 'the batch is empty');
  if (n > maxBatch) throw new HttpError(413, `a batch holds at most ${maxBatch} rows, not ${n}`);
  const rows: Record<string, unknown>[] = [];
  for (let row = 0; row < n; row += 1) {
    const values: Record<string, unknown> = {};
    for (const column of columns) values[column.name] = column.data[row];
    rows.push(values);
  }
  return { id, rows };
}
