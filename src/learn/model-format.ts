/** The `format` of a model file (kept apart so that learners in worker threads need not load the schema and validator). */
export const MODEL_FILE_FORMAT = 'paydown.model/v1';
