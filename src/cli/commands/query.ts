import type { Command } from 'commander';
import type { ExitCode } from '../main.js';

export function registerQuery(program: Command, done: (code: ExitCode) => void): void {
  void program;
  void done;
}
