import { Option, type Command } from 'commander';
import { PaydownError } from '../../errors.js';
import { monitorsExtension } from '../../serve/monitors/extension.js';
import { startServer } from '../../serve/server.js';
import type { ExitCode } from '../main.js';

interface ServeFlags {
  port: string;
  host: string;
  database?: string;
  journal?: string;
  journalFsync?: boolean;
  watch: boolean;
  monitorInterval?: string;
  webhook?: string;
  maxBody: string;
  maxBatch: string;
}

export function registerServe(program: Command, done: (code: ExitCode) => void): void {
  program
    .command('serve')
    .description('serve the models of a system to its declared consumers, log predictions and outcomes, and watch them')
    .argument('<system-dir>', 'folder holding the YAML manifests')
    .option('-p, --port <port>', 'port to listen on (0: any free port)', '8080')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--database <url>', 'sqlite:FILE or postgres://user@host/db (default sqlite:<system-dir>/.paydown/serve.sqlite)')
    .option('--journal <dir>', 'this process\'s prediction journal (default <system-dir>/.paydown/journal-<port>)')
    .option('--journal-fsync', 'fsync the journal on every write: survives power loss, not only a killed process')
    .option('--no-watch', 'do not reload the manifests when files change')
    .option('--monitor-interval <ms>', 'time between monitor evaluations (default 10000)')
    .option('--webhook <url>', 'POST every alert change to this URL, with retries (default PAYDOWN_WEBHOOK_URL)')
    .addOption(new Option('--max-body <bytes>', 'largest request body').default('1048576'))
    .addOption(new Option('--max-batch <rows>', 'most rows in one inference request').default('1000'))
    .addHelpText(
      'after',
      `
The admin token is read from PAYDOWN_ADMIN_TOKEN; without it a new one is printed once at start.
Consumers call models with tokens from \`paydown token create\`. Stops on SIGTERM or SIGINT after
writing every logged prediction to the database. See docs/serve.md.

Examples:
  $ paydown serve examples/ad-click
  $ paydown token create bidder --system examples/ad-click
  $ paydown serve my-system --port 9000 --database postgres://paydown@db/paydown --journal /var/lib/paydown/journal`,
    )
    .action(async (systemDir: string, flags: ServeFlags) => {
      done(await runServe(systemDir, flags));
    });
}

function positiveInteger(name: string, text: string, allowZero = false): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < (allowZero ? 0 : 1)) throw new PaydownError('PAYDOWN_USAGE', `${name} wants a ${allowZero ? 'non-negative' : 'positive'} integer, not ${text}`);
  return value;
}

async function runServe(systemDir: string, flags: ServeFlags): Promise<ExitCode> {
  const port = positiveInteger('--port', flags.port, true);
  if (port > 65535) throw new PaydownError('PAYDOWN_USAGE', `--port wants a port number up to 65535, not ${flags.port}`);
  const monitors = monitorsExtension({
    ...(flags.monitorInterval === undefined ? {} : { intervalMs: positiveInteger('--monitor-interval', flags.monitorInterval) }),
    ...(flags.webhook === undefined ? {} : { webhookUrl: flags.webhook }),
  });
  const server = await startServer({
    systemDir,
    port,
    host: flags.host,
    ...(flags.database === undefined ? {} : { database: flags.database }),
    ...(flags.journal === undefined ? {} : { journalDir: flags.journal }),
    journalFsync: flags.journalFsync === true,
    watch: flags.watch,
    maxBodyBytes: positiveInteger('--max-body', flags.maxBody),
    maxBatch: positiveInteger('--max-batch', flags.maxBatch),
    extensions: [monitors],
  });
  const lines = [`paydown serve: listening on ${server.url} (dashboard ${server.url}/)`];
  if (server.generatedAdminToken !== undefined) lines.push(`admin token (shown once; set PAYDOWN_ADMIN_TOKEN to choose it): ${server.generatedAdminToken}`);
  process.stdout.write(`${lines.join('\n')}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve();
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  process.stderr.write('paydown serve: stopping; writing the prediction log to the database\n');
  await server.close();
  return 0;
}
