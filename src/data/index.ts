/**
 * paydown's data tests on DuckDB, as a library (`import { profileData } from 'paydown/data'`).
 * A separate entry point so that `import 'paydown'` never loads DuckDB.
 *
 * @example
 * import { profileData, driftReport } from 'paydown/data';
 * const reference = await profileData('reference.parquet');
 * const report = driftReport(reference, await profileData('current.parquet'));
 */
export { openData, openDataIn, type OpenData, type ReadOptions } from './read-data.js';
export { profileData, profileAgainst } from './profile.js';
export type { DatasetProfile, ColumnProfile } from './profile-types.js';
export { inferDataSchema, dataSchemaToYaml } from './schema-infer.js';
export { readDataSchema, parseDataSchema } from './data-schema.js';
export { dataSchemaJsonSchema } from './data-schema-json.js';
export { validateData } from './validate.js';
export { driftReport } from './drift.js';
export { computeSkew } from './skew.js';
export { computeDataEvidence } from './evidence/data-evidence.js';
export { renderDataReport } from './report/render-report.js';
