/**
 * The tables of the serve store as Kysely sees them. Both back ends keep the same columns:
 * times are integers (milliseconds since the epoch), JSON values are text, booleans are 0/1.
 */
import type { Generated } from 'kysely';

export interface TokensTable {
  id: string;
  consumer: string;
  secret_hash: string;
  created_at: number;
  revoked_at: number | null;
}

export interface PredictionsTable {
  id: string;
  model: string;
  version: string;
  consumer: string;
  inputs: string;
  outputs: string;
  score: number | null;
  action: string | null;
  served_by: string;
  shadow_of: string | null;
  at: number;
  latency_ms: number;
}

export interface OutcomesTable {
  prediction_id: string;
  label: number;
  at: number;
}

export interface CountersTable {
  key: string;
  window_start: number;
  value: number;
}

export interface AlertsTable {
  id: Generated<number>;
  key: string;
  monitor: string;
  model: string | null;
  source: string | null;
  severity: string;
  state: string;
  message: string;
  details: string;
  first_at: number;
  last_at: number;
  resolved_at: number | null;
  count: number;
}

export interface BreakersTable {
  model: string;
  open: number;
  reason: string | null;
  changed_at: number;
}

export interface AuditTable {
  id: Generated<number>;
  at: number;
  actor: string;
  action: string;
  target: string;
  details: string;
}

export interface LineageTable {
  id: Generated<number>;
  at: number;
  event_type: string;
  job_namespace: string;
  job_name: string;
  inputs: string;
  outputs: string;
  raw: string;
}

export interface DatasetCompletionsTable {
  namespace: string;
  name: string;
  at: number;
}

export interface HeartbeatsTable {
  source: string;
  at: number;
}

export interface MonitorValuesTable {
  monitor: string;
  model: string | null;
  slice: string;
  at: number;
  value: number;
  samples: number;
}

/** Every table of the serve store. */
export interface ServeTables {
  tokens: TokensTable;
  predictions: PredictionsTable;
  outcomes: OutcomesTable;
  counters: CountersTable;
  alerts: AlertsTable;
  breakers: BreakersTable;
  audit: AuditTable;
  lineage: LineageTable;
  dataset_completions: DatasetCompletionsTable;
  heartbeats: HeartbeatsTable;
  monitor_values: MonitorValuesTable;
}

/** Which SQL database a Kysely store talks to; the few statements that differ look at it. */
export type StoreFlavour = 'sqlite' | 'postgres';
