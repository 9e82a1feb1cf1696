import type { AlertRecord } from '../store/store.js';

/** What is posted to the webhook, as JSON. */
export interface WebhookPayload {
  readonly event: 'firing' | 'resolved';
  readonly alert: AlertRecord;
  /** For stale sources: the owners of every model downstream, to route the page. */
  readonly owners?: readonly { readonly owner: string; readonly models: readonly string[] }[];
}

export interface WebhookOptions {
  readonly url: string;
  /** Attempts per payload, the first included (default 5). */
  readonly maxAttempts?: number;
  /** Delay before the second attempt; doubles each time (default 1,000 ms). */
  readonly baseDelayMs?: number;
  /** Longest delay between attempts (default 60,000 ms). */
  readonly maxDelayMs?: number;
  /** Time allowed for one request (default 5,000 ms). */
  readonly timeoutMs?: number;
  /** Waits between attempts; tests replace it to record the delays. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly onFailure?: (payload: WebhookPayload, attempts: number, reason: string) => void;
}

/**
 * Delivers alert events to a webhook without ever blocking the caller: `send` queues and returns
 * at once; each payload is retried with exponential backoff (base, 2·base, 4·base, … capped)
 * until a 2xx answer or `maxAttempts`. `idle()` resolves when nothing is in flight.
 *
 * @example
 * const webhook = new WebhookSender({ url: 'http://127.0.0.1:9000/hook' });
 * webhook.send({ event: 'firing', alert });
 */
export class WebhookSender {
  readonly #options: Required<Omit<WebhookOptions, 'onFailure'>> & Pick<WebhookOptions, 'onFailure'>;
  readonly #inFlight = new Set<Promise<void>>();
  #stopped = false;
  delivered = 0;
  failed = 0;

  constructor(options: WebhookOptions) {
    this.#options = {
      maxAttempts: 5,
      baseDelayMs: 1000,
      maxDelayMs: 60_000,
      timeoutMs: 5000,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
      ...options,
    };
  }

  send(payload: WebhookPayload): void {
    if (this.#stopped) return;
    const delivery = this.#deliver(payload).finally(() => this.#inFlight.delete(delivery));
    this.#inFlight.add(delivery);
  }

  /** Resolves when every queued payload was delivered or given up. */
  async idle(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  /** Stops retrying; payloads still waiting are dropped. */
  stop(): void {
    this.#stopped = true;
  }

  async #deliver(payload: WebhookPayload): Promise<void> {
    const body = JSON.stringify(payload);
    let reason = '';
    for (let attempt = 1; attempt <= this.#options.maxAttempts; attempt += 1) {
      if (attempt > 1) {
        await this.#options.sleep(Math.min(this.#options.maxDelayMs, this.#options.baseDelayMs * 2 ** (attempt - 2)));
        if (this.#stopped) break;
      }
      try {
        const response = await fetch(this.#options.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'user-agent': 'paydown-serve' },
          body,
          signal: AbortSignal.timeout(this.#options.timeoutMs),
        });
        await response.body?.cancel();
        if (response.ok) {
          this.delivered += 1;
          return;
        }
        reason = `HTTP ${response.status}`;
      } catch (error) {
        reason = error instanceof Error ? error.message : String(error);
      }
    }
    this.failed += 1;
    this.#options.onFailure?.(payload, this.#options.maxAttempts, reason);
  }
}
