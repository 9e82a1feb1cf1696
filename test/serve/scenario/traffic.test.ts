import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, it } from 'node:test';
import { freePort } from '../../support/postgres.js';
import { startServeProcess, type ServeProcess } from '../core/serve-process.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const ADMIN = 'scenario-admin-token';

interface Alert {
  readonly key: string;
  readonly state: string;
}
interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
}

let server: ServeProcess | undefined;
const scratch = mkdtempSync(path.join(tmpdir(), 'paydown-scenario-'));
after(() => {
  server?.child.kill('SIGKILL');
  rmSync(scratch, { recursive: true, force: true });
});

it('scripts/traffic.mjs makes every monitor of the bundled example fire and every response happen', { timeout: 120_000 }, async () => {
  const system = path.join(scratch, 'ad-click');
  cpSync(path.join(repo, 'examples', 'ad-click'), system, { recursive: true, filter: (source) => !source.includes(`${path.sep}.paydown`) });
  const port = await freePort();
  server = await startServeProcess([system, '--monitor-interval', '500'], port, { PAYDOWN_ADMIN_TOKEN: ADMIN });

  const traffic = spawnSync(process.execPath, [path.join(repo, 'scripts', 'traffic.mjs'), '--url', server.url, '--system', system, '--timeout', '60'], {
    env: { ...process.env, PAYDOWN_ADMIN_TOKEN: ADMIN },
    encoding: 'utf8',
    timeout: 110_000,
  });
  assert.equal(traffic.status, 0, `traffic failed:\n${traffic.stderr}\n${traffic.stdout}`);

  const admin = { authorization: `Bearer ${ADMIN}` };
  const { alerts } = (await (await fetch(`${server.url}/api/alerts?state=firing&limit=1000`, { headers: admin })).json()) as { alerts: Alert[] };
  const firing = new Set(alerts.map((alert) => alert.key));
  for (const key of ['ctr/prediction-bias', 'ctr/input-drift', 'spam_filter/action-limit', 'ctr/upstream-freshness:click_log']) {
    assert.ok(firing.has(key), `${key} should be firing; firing: ${[...firing].join(', ')}`);
  }

  const { audit } = (await (await fetch(`${server.url}/api/audit?limit=200`, { headers: admin })).json()) as { audit: AuditEntry[] };
  const responses = new Set(audit.filter((entry) => entry.actor === 'system').map((entry) => `${entry.action} ${entry.target}`));
  for (const response of ['response.fallback ctr', 'response.shadow ctr', 'response.halt-actions spam_filter']) {
    assert.ok(responses.has(response), `audit log should record ${response}; has: ${[...responses].join(', ')}`);
  }

  const reset = await fetch(`${server.url}/api/admin/breakers/spam_filter/reset`, { method: 'POST', headers: admin });
  assert.equal(reset.status, 200);
  const { audit: later } = (await (await fetch(`${server.url}/api/audit?limit=5`, { headers: admin })).json()) as { audit: AuditEntry[] };
  assert.ok(later.some((entry) => entry.actor !== 'system' && entry.target === 'spam_filter' && entry.action.startsWith('admin.reset')), 'the reset is audited');
});
