import { userInfo } from 'node:os';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { loadSystem } from '../../manifest/load-system.js';
import { suggestionSuffix } from '../../manifest/did-you-mean.js';
import { defaultDatabaseUrl, openStore } from '../../serve/store/open-store.js';
import type { Store } from '../../serve/store/store.js';
import { issueToken } from '../../serve/tokens/token.js';
import { emit } from '../io.js';
import type { ExitCode } from '../main.js';

interface TokenFlags {
  system: string;
  database?: string;
  format?: 'text' | 'json';
}

export function registerToken(program: Command, done: (code: ExitCode) => void): void {
  const token = program.command('token').description('create, list and revoke the tokens consumers call `paydown serve` with');
  const common = (command: Command): Command =>
    command
      .option('-s, --system <dir>', 'folder holding the YAML manifests', '.')
      .option('--database <url>', 'sqlite:FILE or postgres://… (default: the one `paydown serve <dir>` uses)');
  common(
    token
      .command('create')
      .description('create a token for a declared consumer; the token is printed once and only its hash is kept')
      .argument('<consumer>', 'the id of a consumer declared in the manifests'),
  ).action(async (consumer: string, flags: TokenFlags) => {
    done(await create(consumer, flags));
  });
  common(token.command('revoke').description('revoke a token by its id (the part after pd_); takes effect within a second').argument('<id>', 'token id')).action(
    async (id: string, flags: TokenFlags) => {
      done(await revoke(id, flags));
    },
  );
  common(token.command('list').description('list tokens: id, consumer, created, revoked (never the secret)'))
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (flags: TokenFlags) => {
      done(await list(flags));
    });
}

async function withStore<T>(flags: TokenFlags, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(flags.database ?? defaultDatabaseUrl(path.resolve(flags.system)));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

const actor = (): string => `cli:${userInfo().username}`;

async function create(consumer: string, flags: TokenFlags): Promise<ExitCode> {
  const system = await loadSystem(flags.system);
  if (!system.consumers.some((candidate) => candidate.id === consumer)) {
    throw new PaydownError('PAYDOWN_USAGE', `no consumer ${consumer} is declared in ${flags.system}${suggestionSuffix(consumer, system.consumers.map((c) => c.id))}`);
  }
  const token = await withStore(flags, async (store) => {
    const issued = await issueToken(store, consumer, Date.now());
    await store.appendAudit({ actor: actor(), action: 'token.create', target: issued.record.id, details: { consumer } }, Date.now());
    return issued.token;
  });
  await emit(`${token}\n`, undefined);
  process.stderr.write(`token for ${consumer} created; it is shown only now: keep it secret\n`);
  return 0;
}

async function revoke(id: string, flags: TokenFlags): Promise<ExitCode> {
  const tokenId = id.startsWith('pd_') ? id.split('_')[1] ?? id : id;
  await withStore(flags, async (store) => {
    const found = await store.findToken(tokenId);
    if (found === undefined) throw new PaydownError('PAYDOWN_USAGE', `no token ${tokenId}`);
    if (!(await store.revokeToken(tokenId, Date.now()))) throw new PaydownError('PAYDOWN_USAGE', `token ${tokenId} was already revoked`);
    await store.appendAudit({ actor: actor(), action: 'token.revoke', target: tokenId, details: { consumer: found.consumer } }, Date.now());
  });
  await emit(`revoked ${tokenId}\n`, undefined);
  return 0;
}

async function list(flags: TokenFlags): Promise<ExitCode> {
  const tokens = await withStore(flags, (store) => store.listTokens());
  if (flags.format === 'json') {
    await emit(`${JSON.stringify({ tokens: tokens.map(({ secretHash: _hidden, ...rest }) => rest) }, null, 2)}\n`, undefined);
    return 0;
  }
  const iso = (at: number | null): string => (at === null ? '-' : new Date(at).toISOString());
  const rows = tokens.map((t) => [t.id, t.consumer, iso(t.createdAt), iso(t.revokedAt)]);
  const header = ['id', 'consumer', 'created', 'revoked'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: readonly string[]): string => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  await emit(`${[line(header), ...rows.map(line)].join('\n')}\n`, undefined);
  return 0;
}
