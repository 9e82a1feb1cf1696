/**
 * What `paydown serve` keeps: the contract between the server and its two storage back ends
 * (SQLite embedded by default, PostgreSQL for several replicas), both written with Kysely.
 *
 * Times are milliseconds since the epoch (UTC). JSON-valued fields are plain values here; each
 * back end serialises them. Every method that changes shared state (counters, breakers, alerts)
 * is atomic in the database, so two replicas on one PostgreSQL database agree.
 */

import type { InputColumns } from './input-columns.js';

/** A consumer's API token as stored: only a hash of the secret is kept. */
export interface TokenRecord {
  /** Public token id (the part before the secret in the token string). */
  readonly id: string;
  readonly consumer: string;
  /** SHA-256 of the secret, hex. */
  readonly secretHash: string;
  readonly createdAt: number;
  readonly revokedAt: number | null;
}

/** Who served a prediction: the model, its declared safe default (breaker open), or a pinned fallback version. */
export type ServedBy = 'model' | 'safe-default' | 'fallback';

/** One logged prediction. */
export interface PredictionRecord {
  readonly id: string;
  readonly model: string;
  readonly version: string;
  readonly consumer: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly outputs: unknown;
  /** The score the monitors use (probability for binary models), when the model gives one. */
  readonly score: number | null;
  /** The action taken in the world, when the model declares actions (e.g. `show_ad`). */
  readonly action: string | null;
  readonly servedBy: ServedBy;
  /** For a shadow prediction: the id of the live prediction it mirrors; never returned to a consumer. */
  readonly shadowOf: string | null;
  readonly at: number;
  readonly latencyMs: number;
}

/** An observed label for a prediction, arriving later. */
export interface OutcomeRecord {
  readonly predictionId: string;
  readonly label: number;
  readonly at: number;
}

/** A prediction joined with its outcome, as monitors read them. */
export interface LabelledPrediction {
  readonly id: string;
  readonly version: string;
  readonly inputs: Readonly<Record<string, unknown>>;
  readonly score: number | null;
  readonly label: number | null;
  readonly at: number;
}

/**
 * Sums over the labelled live predictions of a window, for all of them (`column` null) or for
 * one value of one input column (`value`: the logged input value). Predictions without a score
 * are not counted.
 */
export interface LabelSums {
  readonly column: string | null;
  readonly value: unknown;
  readonly samples: number;
  readonly scoreSum: number;
  readonly labelSum: number;
}

export type AlertState = 'firing' | 'resolved';

/** An alert; `key` deduplicates: firing the same key again updates the open alert. */
export interface AlertRecord {
  readonly id: number;
  readonly key: string;
  readonly monitor: string;
  readonly model: string | null;
  readonly source: string | null;
  readonly severity: 'warning' | 'critical';
  readonly state: AlertState;
  readonly message: string;
  readonly details: unknown;
  readonly firstAt: number;
  readonly lastAt: number;
  readonly resolvedAt: number | null;
  /** Times the same key fired while open. */
  readonly count: number;
}

export interface AlertInput {
  readonly key: string;
  readonly monitor: string;
  readonly model?: string;
  readonly source?: string;
  readonly severity: 'warning' | 'critical';
  readonly message: string;
  readonly details?: unknown;
}

/** A circuit breaker of one model: open means the gateway answers with the safe default. */
export interface BreakerRecord {
  readonly model: string;
  readonly open: boolean;
  readonly reason: string | null;
  readonly changedAt: number;
}

/** One entry of the append-only audit log. */
export interface AuditRecord {
  readonly id: number;
  readonly at: number;
  /** `system` for automatic responses, else the admin or CLI user. */
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details: unknown;
}

export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly details?: unknown;
}

/** An OpenLineage run event as stored. */
export interface LineageRecord {
  readonly id: number;
  readonly at: number;
  readonly eventType: string;
  readonly jobNamespace: string;
  readonly jobName: string;
  readonly inputs: readonly { readonly namespace: string; readonly name: string }[];
  readonly outputs: readonly { readonly namespace: string; readonly name: string }[];
  readonly raw: unknown;
}

/** A monitor's value at one evaluation, kept for the dashboard's time series. */
export interface MonitorValueRecord {
  readonly monitor: string;
  readonly model: string | null;
  /** `''` for the overall value, else e.g. `country=DE`. */
  readonly slice: string;
  readonly at: number;
  readonly value: number;
  readonly samples: number;
}

/** The storage of `paydown serve`. Implemented by `sqlite-store.ts` and `postgres-store.ts`. */
export interface Store {
  /** Creates or upgrades the tables; safe to call from several replicas at once. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  createToken(token: TokenRecord): Promise<void>;
  findToken(id: string): Promise<TokenRecord | undefined>;
  revokeToken(id: string, at: number): Promise<boolean>;
  listTokens(): Promise<TokenRecord[]>;

  /** Writes a batch of predictions in one transaction; ids already stored are ignored (replay is idempotent). */
  appendPredictions(batch: readonly PredictionRecord[]): Promise<void>;
  /** Writes a batch of outcomes; a later outcome for the same prediction replaces the earlier one. */
  appendOutcomes(batch: readonly OutcomeRecord[]): Promise<void>;
  /** Live (non-shadow) predictions of a model in [since, until), joined with their outcomes. */
  labelledPredictions(model: string, since: number, until: number): Promise<LabelledPrediction[]>;
  /**
   * Count, score sum and label sum of the scored, labelled live predictions of a model in
   * [since, until): first overall, then per value of each input column in `columns` (predictions
   * without that input, or with null, are not in any of its groups). Computed by the database.
   */
  labelSums(model: string, since: number, until: number, columns: readonly string[]): Promise<LabelSums[]>;
  /** Predictions of a model (live and shadow) in [since, until), newest first, at most `limit`. */
  listPredictions(model: string, since: number, until: number, limit: number): Promise<PredictionRecord[]>;
  /** The inputs, by column, of a model's newest live (non-shadow) predictions in [since, until), at most `limit`. */
  liveInputColumns(model: string, since: number, until: number, limit: number): Promise<InputColumns>;
  predictionCount(): Promise<number>;
  outcomeCount(): Promise<number>;

  /** Adds `amount` to a shared counter for one window and returns the new total (atomic). */
  addToCounter(key: string, windowStart: number, amount: number): Promise<number>;

  /** Opens or updates the alert with this key; returns it and whether it is new. */
  fireAlert(alert: AlertInput, at: number): Promise<{ alert: AlertRecord; isNew: boolean }>;
  /** Resolves the open alert with this key; returns it, or undefined when none was open. */
  resolveAlert(key: string, at: number): Promise<AlertRecord | undefined>;
  listAlerts(options?: { readonly state?: AlertState; readonly limit?: number }): Promise<AlertRecord[]>;

  getBreaker(model: string): Promise<BreakerRecord | undefined>;
  /** Opens or closes a breaker; returns false when it already was in that state. */
  setBreaker(model: string, open: boolean, reason: string | null, at: number): Promise<boolean>;
  listBreakers(): Promise<BreakerRecord[]>;

  appendAudit(entry: AuditInput, at: number): Promise<AuditRecord>;
  listAudit(limit: number): Promise<AuditRecord[]>;

  appendLineage(event: Omit<LineageRecord, 'id'>): Promise<void>;
  listLineage(limit: number): Promise<LineageRecord[]>;
  /** The last time a dataset was written by a COMPLETE run or named in a heartbeat. */
  lastCompletion(namespace: string, name: string): Promise<number | undefined>;
  recordHeartbeat(source: string, at: number): Promise<void>;
  lastHeartbeat(source: string): Promise<number | undefined>;

  appendMonitorValues(values: readonly MonitorValueRecord[]): Promise<void>;
  listMonitorValues(monitor: string, since: number): Promise<MonitorValueRecord[]>;
}
