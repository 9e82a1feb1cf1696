import { quoteIdent, toNumber, toText } from '../../data/duckdb.js';
import { openData, type ReadOptions } from '../../data/read-data.js';
import { PaydownError } from '../../errors.js';
import type { OutcomeRecord, Store } from '../store/store.js';

/** Rows written per store transaction. */
const PAGE = 5_000;

export interface ImportResult {
  readonly imported: number;
  /** Rows without a prediction id or with a label that is not a number; the first few, with their row number. */
  readonly skipped: number;
  readonly problems: readonly string[];
}

/**
 * Imports outcomes from a CSV, Parquet or JSON-lines file read by DuckDB: a prediction id column
 * (`predictionId` or `prediction_id`) and a numeric `label` column (true/false count as 1/0).
 * Each page of rows is one store transaction, and importing the same file again changes nothing
 * (outcomes are keyed by prediction id), so an interrupted import is simply run again.
 *
 * @example
 * const result = await importOutcomes(store, 'labels.csv', {}, Date.now());
 */
export async function importOutcomes(store: Store, file: string, read: ReadOptions, at: number): Promise<ImportResult> {
  const data = await openData(file, read);
  try {
    const idColumn = data.columns.find((column) => column.name === 'predictionId' || column.name === 'prediction_id')?.name;
    const labelColumn = data.columns.find((column) => column.name === 'label')?.name;
    if (idColumn === undefined || labelColumn === undefined) {
      throw new PaydownError('PAYDOWN_DATA_SCHEMA_INVALID', `${file} needs a predictionId (or prediction_id) column and a label column; it has ${data.columns.map((c) => c.name).join(', ')}`);
    }
    const id = `CAST(${quoteIdent(idColumn)} AS VARCHAR)`;
    const label = `TRY_CAST(CASE WHEN lower(CAST(${quoteIdent(labelColumn)} AS VARCHAR)) = 'true' THEN '1' WHEN lower(CAST(${quoteIdent(labelColumn)} AS VARCHAR)) = 'false' THEN '0' ELSE CAST(${quoteIdent(labelColumn)} AS VARCHAR) END AS DOUBLE)`;
    let imported = 0;
    let skipped = 0;
    const problems: string[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const rows = await data.session.query(`SELECT ${id} AS id, ${label} AS label FROM ${data.relation} LIMIT ${PAGE} OFFSET ${offset}`);
      const outcomes: OutcomeRecord[] = [];
      rows.forEach((row, index) => {
        const predictionId = toText(row.id);
        const value = toNumber(row.label);
        if (predictionId === null || predictionId === '' || value === null || !Number.isFinite(value)) {
          skipped += 1;
          if (problems.length < 10) problems.push(`row ${offset + index + 1}: ${predictionId === null || predictionId === '' ? 'no prediction id' : 'label is not a number'}`);
          return;
        }
        outcomes.push({ predictionId, label: value, at });
      });
      await store.appendOutcomes(outcomes);
      imported += outcomes.length;
      if (rows.length < PAGE) break;
    }
    return { imported, skipped, problems };
  } finally {
    data.close();
  }
}
