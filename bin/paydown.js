#!/usr/bin/env node
import { execute } from '../dist/src/cli/main.js';

// A reader that goes away (`paydown check | head`) is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

process.exitCode = await execute(process.argv.slice(2));
