/**
 * The one implementation of {@link Store}, written once with Kysely and run on SQLite or
 * PostgreSQL. Shared state changes are single statements (`INSERT … ON CONFLICT … DO UPDATE …
 * RETURNING`), so they are atomic whichever replica runs them.
 */
import { Migrator, sql, type Kysely, type Selectable } from 'kysely';
import { inputColumnsOf, type InputColumns } from './input-columns.js';
import { serveMigrations } from './migrations.js';
import type {
  AlertInput,
  AlertRecord,
  AlertState,
  AuditInput,
  AuditRecord,
  BreakerRecord,
  LabelledPrediction,
  LabelSums,
  LineageRecord,
  MonitorValueRecord,
  OutcomeRecord,
  PredictionRecord,
  ServedBy,
  Store,
  TokenRecord,
} from './store.js';
import type { AlertsTable, AuditTable, LineageTable, PredictionsTable, ServeTables, StoreFlavour, TokensTable } from './tables.js';

/** The three sums of one group of labelled predictions, added to as groups are rolled up. */
interface RunningSums {
  samples: number;
  scoreSum: number;
  labelSum: number;
}

function labelSumsOf(row: Record<string, unknown>): RunningSums {
  return { samples: Number(row.samples), scoreSum: Number(row.score_sum), labelSum: Number(row.label_sum) };
}

function addLabelSums(into: RunningSums, sums: Readonly<RunningSums>): void {
  into.samples += sums.samples;
  into.scoreSum += sums.scoreSum;
  into.labelSum += sums.labelSum;
}

/** Rows per INSERT statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const ROWS_PER_STATEMENT = 400;

export class KyselyStore implements Store {
  readonly #db: Kysely<ServeTables>;
  readonly #flavour: StoreFlavour;

  constructor(db: Kysely<ServeTables>, flavour: StoreFlavour) {
    this.#db = db;
    this.#flavour = flavour;
  }

  /** Which database this store writes to. */
  get flavour(): StoreFlavour {
    return this.#flavour;
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({ db: this.#db, provider: serveMigrations(this.#flavour) });
    const { error, results } = await migrator.migrateToLatest();
    if (error !== undefined) {
      const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
      const reason = error instanceof Error ? error.message : JSON.stringify(error);
      throw new Error(`serve store migration ${failed} failed: ${reason}`, { cause: error });
    }
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }

  /** Runs one SQL statement as written (maintenance and tests; never with outside input). */
  async rawExecute(statement: string): Promise<void> {
    await sql.raw(statement).execute(this.#db);
  }

  async createToken(token: TokenRecord): Promise<void> {
    await this.#db
      .insertInto('tokens')
      .values({ id: token.id, consumer: token.consumer, secret_hash: token.secretHash, created_at: token.createdAt, revoked_at: token.revokedAt })
      .execute();
  }

  async findToken(id: string): Promise<TokenRecord | undefined> {
    const row = await this.#db.selectFrom('tokens').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : tokenOf(row);
  }

  async revokeToken(id: string, at: number): Promise<boolean> {
    const rows = await this.#db.updateTable('tokens').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).returning('id').execute();
    return rows.length > 0;
  }

  async listTokens(): Promise<TokenRecord[]> {
    const rows = await this.#db.selectFrom('tokens').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(tokenOf);
  }

  async appendPredictions(batch: readonly PredictionRecord[]): Promise<void> {
    if (batch.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      for (const part of chunks(batch)) {
        await trx
          .insertInto('predictions')
          .values(part.map(predictionRow))
          .onConflict((oc) => oc.column('id').doNothing())
          .execute();
      }
    });
  }

  async appendOutcomes(batch: readonly OutcomeRecord[]): Promise<void> {
    if (batch.length === 0) return;
    const latest = new Map<string, OutcomeRecord>();
    for (const outcome of batch) latest.set(outcome.predictionId, outcome);
    await this.#db.transaction().execute(async (trx) => {
      for (const part of chunks([...latest.values()])) {
        await trx
          .insertInto('outcomes')
          .values(part.map((o) => ({ prediction_id: o.predictionId, label: o.label, at: o.at })))
          .onConflict((oc) => oc.column('prediction_id').doUpdateSet((eb) => ({ label: eb.ref('excluded.label'), at: eb.ref('excluded.at') })))
          .execute();
      }
    });
  }

  async labelledPredictions(model: string, since: number, until: number): Promise<LabelledPrediction[]> {
    const rows = await this.#db
      .selectFrom('predictions as p')
      .leftJoin('outcomes as o', 'o.prediction_id', 'p.id')
      .select(['p.id', 'p.version', 'p.inputs', 'p.score', 'p.at', 'o.label'])
      .where('p.model', '=', model)
      .where('p.shadow_of', 'is', null)
      .where('p.at', '>=', since)
      .where('p.at', '<', until)
      .orderBy('p.at')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      version: row.version,
      inputs: parseJson(row.inputs) as Record<string, unknown>,
      score: numberOrNull(row.score),
      label: numberOrNull(row.label),
      at: Number(row.at),
    }));
  }

  async labelSums(model: string, since: number, until: number, columns: readonly string[]): Promise<LabelSums[]> {
    // One scan grouped by every slice column at once; the overall and per-column sums are rolled
    // up from those groups here (one pass over the window instead of one per column).
    const values = columns.map((column, i) => this.#inputAsJson(column).as(`v${i}`));
    const positions = columns.map((_, i) => sql.raw(String(i + 1)));
    let query = this.#db
      .selectFrom('predictions as p')
      .innerJoin('outcomes as o', 'o.prediction_id', 'p.id')
      .where('p.model', '=', model)
      .where('p.shadow_of', 'is', null)
      .where('p.score', 'is not', null)
      .where('p.at', '>=', since)
      .where('p.at', '<', until)
      .select([...values, sql<number>`count(*)`.as('samples'), sql<number>`coalesce(sum(p.score), 0)`.as('score_sum'), sql<number>`coalesce(sum(o.label), 0)`.as('label_sum')]);
    if (positions.length > 0) query = query.groupBy(positions); // by position: PostgreSQL would not match two bound copies of a column name
    const groups = (await query.execute()) as Record<string, unknown>[];
    const overall: RunningSums = { samples: 0, scoreSum: 0, labelSum: 0 };
    const byColumn = columns.map(() => new Map<string, RunningSums>());
    for (const group of groups) {
      const sums = labelSumsOf(group);
      addLabelSums(overall, sums);
      byColumn.forEach((byValue, i) => {
        const key = group[`v${i}`];
        if (typeof key !== 'string') return; // SQL null: the input is absent
        const sum = byValue.get(key) ?? { samples: 0, scoreSum: 0, labelSum: 0 };
        addLabelSums(sum, sums);
        byValue.set(key, sum);
      });
    }
    const result: LabelSums[] = [{ column: null, value: null, ...overall }];
    byColumn.forEach((byValue, i) => {
      for (const [text, sum] of byValue) {
        const value = JSON.parse(text) as unknown;
        if (value !== null) result.push({ column: columns[i], value, ...sum });
      }
    });
    return result;
  }

  /** The JSON text of one logged input (`p.inputs`), or SQL null when the input is absent. */
  #inputAsJson(column: string) {
    return this.#flavour === 'postgres' ? sql<string | null>`(p.inputs::jsonb -> ${column})::text` : sql<string | null>`p.inputs -> ${`$.${JSON.stringify(column)}`}`;
  }

  async listPredictions(model: string, since: number, until: number, limit: number): Promise<PredictionRecord[]> {
    const rows = await this.#newestInWindow(model, since, until, limit).selectAll().execute();
    return rows.map(predictionOf);
  }

  async liveInputColumns(model: string, since: number, until: number, limit: number): Promise<InputColumns> {
    const rows = await this.#newestInWindow(model, since, until, limit).select('inputs').where('shadow_of', 'is', null).execute();
    return inputColumnsOf(rows.map((row) => parseJson(row.inputs) as Record<string, unknown>));
  }

  /** A model's predictions in [since, until), newest first, at most `limit` (select what you need). */
  #newestInWindow(model: string, since: number, until: number, limit: number) {
    return this.#db.selectFrom('predictions').where('model', '=', model).where('at', '>=', since).where('at', '<', until).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit);
  }

  async predictionCount(): Promise<number> {
    const row = await this.#db.selectFrom('predictions').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async outcomeCount(): Promise<number> {
    const row = await this.#db.selectFrom('outcomes').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Whether each of these prediction ids is stored (for recovery checks and tests). */
  async storedPredictionIds(ids: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      const rows = await this.#db.selectFrom('predictions').select('id').where('id', 'in', part).execute();
      for (const row of rows) found.add(row.id);
    }
    return found;
  }

  /** The label stored for each of these prediction ids. */
  async storedOutcomes(ids: readonly string[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (const part of chunks(ids)) {
      const rows = await this.#db.selectFrom('outcomes').select(['prediction_id', 'label']).where('prediction_id', 'in', part).execute();
      for (const row of rows) found.set(row.prediction_id, Number(row.label));
    }
    return found;
  }

  async addToCounter(key: string, windowStart: number, amount: number): Promise<number> {
    const row = await this.#db
      .insertInto('counters')
      .values({ key, window_start: windowStart, value: amount })
      .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet((eb) => ({ value: eb(eb.ref('counters.value'), '+', eb.ref('excluded.value')) })))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }

  async fireAlert(alert: AlertInput, at: number): Promise<{ alert: AlertRecord; isNew: boolean }> {
    const row = await this.#db
      .insertInto('alerts')
      .values({
        key: alert.key,
        monitor: alert.monitor,
        model: alert.model ?? null,
        source: alert.source ?? null,
        severity: alert.severity,
        state: 'firing',
        message: alert.message,
        details: JSON.stringify(alert.details ?? null),
        first_at: at,
        last_at: at,
        resolved_at: null,
        count: 1,
      })
      .onConflict((oc) =>
        oc
          .column('key')
          .where('state', '=', sql.lit('firing'))
          .doUpdateSet((eb) => ({
            last_at: eb.ref('excluded.last_at'),
            message: eb.ref('excluded.message'),
            details: eb.ref('excluded.details'),
            severity: eb.ref('excluded.severity'),
            count: eb(eb.ref('alerts.count'), '+', 1),
          })),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    const record = alertOf(row);
    return { alert: record, isNew: record.count === 1 };
  }

  async resolveAlert(key: string, at: number): Promise<AlertRecord | undefined> {
    const row = await this.#db
      .updateTable('alerts')
      .set({ state: 'resolved', resolved_at: at, last_at: at })
      .where('key', '=', key)
      .where('state', '=', 'firing')
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? undefined : alertOf(row);
  }

  async listAlerts(options: { readonly state?: AlertState; readonly limit?: number } = {}): Promise<AlertRecord[]> {
    let query = this.#db.selectFrom('alerts').selectAll().orderBy('last_at', 'desc').orderBy('id', 'desc').limit(options.limit ?? 1000);
    if (options.state !== undefined) query = query.where('state', '=', options.state);
    return (await query.execute()).map(alertOf);
  }

  async getBreaker(model: string): Promise<BreakerRecord | undefined> {
    const row = await this.#db.selectFrom('breakers').selectAll().where('model', '=', model).executeTakeFirst();
    return row === undefined ? undefined : breakerOf(row);
  }

  async setBreaker(model: string, open: boolean, reason: string | null, at: number): Promise<boolean> {
    if (!open) {
      const closed = await this.#db
        .updateTable('breakers')
        .set({ open: 0, reason, changed_at: at })
        .where('model', '=', model)
        .where('open', '=', 1)
        .returning('model')
        .execute();
      return closed.length > 0;
    }
    const opened = await this.#db
      .insertInto('breakers')
      .values({ model, open: 1, reason, changed_at: at })
      .onConflict((oc) =>
        oc
          .column('model')
          .doUpdateSet((eb) => ({ open: eb.ref('excluded.open'), reason: eb.ref('excluded.reason'), changed_at: eb.ref('excluded.changed_at') }))
          .where('breakers.open', '=', 0),
      )
      .returning('model')
      .execute();
    return opened.length > 0;
  }

  async listBreakers(): Promise<BreakerRecord[]> {
    const rows = await this.#db.selectFrom('breakers').selectAll().orderBy('model').execute();
    return rows.map(breakerOf);
  }

  async appendAudit(entry: AuditInput, at: number): Promise<AuditRecord> {
    const row = await this.#db
      .insertInto('audit')
      .values({ at, actor: entry.actor, action: entry.action, target: entry.target, details: JSON.stringify(entry.details ?? null) })
      .returningAll()
      .executeTakeFirstOrThrow();
    return auditOf(row);
  }

  async listAudit(limit: number): Promise<AuditRecord[]> {
    const rows = await this.#db.selectFrom('audit').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(auditOf);
  }

  async appendLineage(event: Omit<LineageRecord, 'id'>): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('lineage')
        .values({
          at: event.at,
          event_type: event.eventType,
          job_namespace: event.jobNamespace,
          job_name: event.jobName,
          inputs: JSON.stringify(event.inputs),
          outputs: JSON.stringify(event.outputs),
          raw: JSON.stringify(event.raw ?? null),
        })
        .execute();
      if (event.eventType !== 'COMPLETE') return;
      for (const output of event.outputs) {
        await trx
          .insertInto('dataset_completions')
          .values({ namespace: output.namespace, name: output.name, at: event.at })
          .onConflict((oc) =>
            oc
              .columns(['namespace', 'name'])
              .doUpdateSet((eb) => ({ at: eb.ref('excluded.at') }))
              .where('dataset_completions.at', '<', (eb) => eb.ref('excluded.at')),
          )
          .execute();
      }
    });
  }

  async listLineage(limit: number): Promise<LineageRecord[]> {
    const rows = await this.#db.selectFrom('lineage').selectAll().orderBy('id', 'desc').limit(limit).execute();
    return rows.map(lineageOf);
  }

  async lastCompletion(namespace: string, name: string): Promise<number | undefined> {
    const row = await this.#db.selectFrom('dataset_completions').select('at').where('namespace', '=', namespace).where('name', '=', name).executeTakeFirst();
    return row === undefined ? undefined : Number(row.at);
  }

  async recordHeartbeat(source: string, at: number): Promise<void> {
    await this.#db
      .insertInto('heartbeats')
      .values({ source, at })
      .onConflict((oc) =>
        oc
          .column('source')
          .doUpdateSet((eb) => ({ at: eb.ref('excluded.at') }))
          .where('heartbeats.at', '<', (eb) => eb.ref('excluded.at')),
      )
      .execute();
  }

  async lastHeartbeat(source: string): Promise<number | undefined> {
    const row = await this.#db.selectFrom('heartbeats').select('at').where('source', '=', source).executeTakeFirst();
    return row === undefined ? undefined : Number(row.at);
  }

  async appendMonitorValues(values: readonly MonitorValueRecord[]): Promise<void> {
    if (values.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      for (const part of chunks(values)) {
        await trx
          .insertInto('monitor_values')
          .values(part.map((v) => ({ monitor: v.monitor, model: v.model, slice: v.slice, at: v.at, value: v.value, samples: v.samples })))
          .execute();
      }
    });
  }

  async listMonitorValues(monitor: string, since: number): Promise<MonitorValueRecord[]> {
    const rows = await this.#db.selectFrom('monitor_values').selectAll().where('monitor', '=', monitor).where('at', '>=', since).orderBy('at').execute();
    return rows.map((row) => ({ monitor: row.monitor, model: row.model, slice: row.slice, at: Number(row.at), value: Number(row.value), samples: Number(row.samples) }));
  }
}

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let start = 0; start < items.length; start += ROWS_PER_STATEMENT) yield items.slice(start, start + ROWS_PER_STATEMENT);
}

function parseJson(text: string): unknown {
  return JSON.parse(text) as unknown;
}

function numberOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Number(value);
}

function tokenOf(row: Selectable<TokensTable>): TokenRecord {
  return { id: row.id, consumer: row.consumer, secretHash: row.secret_hash, createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) };
}

function predictionRow(p: PredictionRecord): PredictionsTable {
  return {
    id: p.id,
    model: p.model,
    version: p.version,
    consumer: p.consumer,
    inputs: JSON.stringify(p.inputs),
    outputs: JSON.stringify(p.outputs ?? null),
    score: p.score,
    action: p.action,
    served_by: p.servedBy,
    shadow_of: p.shadowOf,
    at: p.at,
    latency_ms: p.latencyMs,
  };
}

function predictionOf(row: Selectable<PredictionsTable>): PredictionRecord {
  return {
    id: row.id,
    model: row.model,
    version: row.version,
    consumer: row.consumer,
    inputs: parseJson(row.inputs) as Record<string, unknown>,
    outputs: parseJson(row.outputs),
    score: numberOrNull(row.score),
    action: row.action,
    servedBy: row.served_by as ServedBy,
    shadowOf: row.shadow_of,
    at: Number(row.at),
    latencyMs: Number(row.latency_ms),
  };
}

function alertOf(row: Selectable<AlertsTable>): AlertRecord {
  return {
    id: Number(row.id),
    key: row.key,
    monitor: row.monitor,
    model: row.model,
    source: row.source,
    severity: row.severity as AlertRecord['severity'],
    state: row.state as AlertState,
    message: row.message,
    details: parseJson(row.details),
    firstAt: Number(row.first_at),
    lastAt: Number(row.last_at),
    resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
    count: Number(row.count),
  };
}

function breakerOf(row: { model: string; open: number; reason: string | null; changed_at: number }): BreakerRecord {
  return { model: row.model, open: Number(row.open) === 1, reason: row.reason, changedAt: Number(row.changed_at) };
}

function auditOf(row: Selectable<AuditTable>): AuditRecord {
  return { id: Number(row.id), at: Number(row.at), actor: row.actor, action: row.action, target: row.target, details: parseJson(row.details) };
}

function lineageOf(row: Selectable<LineageTable>): LineageRecord {
  return {
    id: Number(row.id),
    at: Number(row.at),
    eventType: row.event_type,
    jobNamespace: row.job_namespace,
    jobName: row.job_name,
    inputs: parseJson(row.inputs) as LineageRecord['inputs'],
    outputs: parseJson(row.outputs) as LineageRecord['outputs'],
    raw: parseJson(row.raw),
  };
}
