import { HttpError } from '../http-error.js';
import type { InputDatatype } from './served-models.js';

/**
 * A model version served by another Open Inference Protocol v2 server (MLServer, Triton, …):
 * rows are sent as one tensor per input to `POST {base}/v2/models/{name}/infer`, and the first
 * output (or the one named `score`) is read back as one score per row.
 *
 * @example
 * const backend = new V2Backend(new URL('http://mlserver:8080'), 'ctr', 2000);
 * await backend.infer([{ ctr_7d: 0.02 }], [{ name: 'ctr_7d', datatype: 'FP64' }]);
 */
export class V2Backend {
  readonly #url: string;
  readonly #timeoutMs: number;

  constructor(base: URL, name: string, timeoutMs: number) {
    this.#url = new URL(`v2/models/${encodeURIComponent(name)}/infer`, base.href.endsWith('/') ? base : new URL(`${base.href}/`)).href;
    this.#timeoutMs = timeoutMs;
  }

  async infer(rows: readonly Readonly<Record<string, unknown>>[], inputs: readonly { readonly name: string; readonly datatype: InputDatatype }[]): Promise<number[]> {
    const body = {
      inputs: inputs.map((input) => ({ name: input.name, shape: [rows.length], datatype: input.datatype, data: rows.map((row) => row[input.name] ?? null) })),
    };
    let response: Response;
    try {
      response = await fetch(this.#url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(this.#timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new HttpError(timedOut ? 504 : 502, timedOut ? `the model backend did not answer within ${this.#timeoutMs} ms` : 'the model backend cannot be reached');
    }
    if (!response.ok) throw new HttpError(502, `the model backend answered ${response.status}`);
    const answer = (await response.json().catch(() => undefined)) as { outputs?: { name?: string; data?: unknown }[] } | undefined;
    const outputs = answer?.outputs ?? [];
    const output = outputs.find((candidate) => candidate.name === 'score') ?? outputs[0];
    const data = Array.isArray(output?.data) ? output.data.flat(Infinity) : [];
    if (data.length !== rows.length || !data.every((value) => typeof value === 'number')) {
      throw new HttpError(502, `the model backend answered without one numeric score per row`);
    }
    return data;
  }
}
