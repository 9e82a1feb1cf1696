import type { CheckResult } from '../check/check.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatSarif } from './sarif.js';
import { formatText } from './text.js';

/** The formats a check result can be written in. */
export type CheckFormat = 'text' | 'json' | 'sarif' | 'markdown';

/**
 * Renders a check result in one of its formats.
 *
 * @example
 * process.stdout.write(renderCheck(result, 'sarif', { color: false }));
 */
export function renderCheck(result: CheckResult, format: CheckFormat, options: { color: boolean }): string {
  switch (format) {
    case 'text':
      return formatText(result, options);
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'markdown':
      return formatMarkdown(result);
  }
}
