import { Option, type Command } from 'commander';
import { ruleDocsUrl } from '../../format/sarif.js';
import { allRules } from '../../rules/index.js';
import { ruleDocsPath, type AnyRule, type RuleCategory, type Severity } from '../../rules/rule.js';
import { escapeCell } from '../../format/markdown.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface RulesFlags {
  format: 'text' | 'json' | 'markdown';
}

/** One row of `paydown rules`. */
export interface RuleListing {
  readonly id: string;
  readonly severity: Severity;
  readonly presets: readonly ('recommended' | 'strict')[];
  readonly category: RuleCategory;
  readonly description: string;
  readonly docs: string;
  readonly url: string;
}

/**
 * Describes rules for listing: id, default severity, the presets that enable them, category,
 * description and docs page.
 *
 * @example
 * listRules(allRules).filter((rule) => rule.presets.includes('recommended'));
 */
export function listRules(rules: readonly AnyRule[]): RuleListing[] {
  return [...rules]
    .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
    .map(({ meta }) => ({
      id: meta.id,
      severity: meta.severity,
      presets: meta.recommended ? ['recommended', 'strict'] : ['strict'],
      category: meta.category,
      description: meta.description,
      docs: ruleDocsPath(meta.id),
      url: ruleDocsUrl(meta.id),
    }));
}

export function registerRules(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('rules')
    .description('list the rules paydown ships, with their default severity, presets and docs')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'markdown']).default('text'))
    .addHelpText(
      'after',
      `
Examples:
  $ paydown rules
  $ paydown rules --format json`,
    )
    .action(async (flags: RulesFlags) => {
      const listing = listRules(allRules);
      const render = { text: formatRulesText, json: formatRulesJson, markdown: formatRulesMarkdown }[flags.format];
      await emit(render(listing), undefined);
      done(0);
    });
}

function formatRulesText(listing: readonly RuleListing[]): string {
  const idWidth = Math.max(4, ...listing.map((rule) => rule.id.length));
  const categoryWidth = Math.max(8, ...listing.map((rule) => rule.category.length));
  const presetsWidth = 'recommended, strict'.length;
  const lines = [`${'rule'.padEnd(idWidth)}  ${'severity'.padEnd(8)}  ${'presets'.padEnd(presetsWidth)}  ${'category'.padEnd(categoryWidth)}  description`];
  for (const rule of listing) {
    lines.push(
      `${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd(8)}  ${rule.presets.join(', ').padEnd(presetsWidth)}  ${rule.category.padEnd(categoryWidth)}  ${rule.description}`,
    );
    lines.push(`${' '.repeat(idWidth)}  docs: ${rule.docs}`);
  }
  lines.push('', `${listing.length} rules; configure them under \`rules:\` in paydown.config.yaml.`);
  return `${lines.join('\n')}\n`;
}

function formatRulesJson(listing: readonly RuleListing[]): string {
  return `${JSON.stringify({ format: 'paydown.rules/v1', rules: listing }, null, 2)}\n`;
}

function formatRulesMarkdown(listing: readonly RuleListing[]): string {
  const lines = ['| rule | severity | presets | category | description |', '|---|---|---|---|---|'];
  for (const rule of listing) {
    lines.push(`| [${escapeCell(rule.id)}](${rule.docs}) | ${rule.severity} | ${rule.presets.join(', ')} | ${rule.category} | ${escapeCell(rule.description)} |`);
  }
  return `${lines.join('\n')}\n`;
}
