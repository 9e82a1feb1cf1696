#!/usr/bin/env node
// Scripted traffic against a running `paydown serve examples/ad-click`: makes every monitor fire
// and every automatic response happen, so the dashboard and the audit log show them.
//
//   PAYDOWN_ADMIN_TOKEN=secret node bin/paydown.js serve examples/ad-click --monitor-interval 1000 &
//   PAYDOWN_ADMIN_TOKEN=secret node scripts/traffic.mjs --url http://127.0.0.1:8080
//
//   node scripts/traffic.mjs reference    # rewrites examples/ad-click/reference/ctr-inputs.csv
//
// Steps: calibrated traffic; prediction bias (labels far below the scores) -> fallback to ctr v6;
// input drift -> shadow of ctr v8 and its comparison by slice; more block_ad actions than the
// limit -> breaker open, safe default; an old OpenLineage COMPLETE for click_log -> stale source.
// Everything is seeded: the same run gives the same inputs and labels. See docs/serve-monitors.md.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const args = { command: 'run', url: 'http://127.0.0.1:8080', system: path.join(root, 'examples/ad-click'), database: undefined, rows: 5000, out: undefined, timeout: 60 };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      i += 1;
      return argv[i];
    };
    if (flag === 'reference' || flag === 'run') args.command = flag;
    else if (flag === '--url') args.url = value().replace(/\/$/, '');
    else if (flag === '--system') args.system = path.resolve(value());
    else if (flag === '--database') args.database = value();
    else if (flag === '--rows') args.rows = Number(value());
    else if (flag === '--out') args.out = value();
    else if (flag === '--timeout') args.timeout = Number(value());
    else if (flag === '--help' || flag === '-h') {
      process.stdout.write('usage: node scripts/traffic.mjs [run] [--url URL] [--system DIR] [--database URL] [--timeout SECONDS]\n       node scripts/traffic.mjs reference [--rows N] [--out FILE]\n(the admin token is read from PAYDOWN_ADMIN_TOKEN)\n');
      process.exit(0);
    } else fail(`unknown argument ${flag} (see --help)`);
  }
  return args;
}

function fail(message) {
  process.stderr.write(`traffic: ${message}\n`);
  process.exit(2);
}

/** mulberry32: a small seeded generator, so every run sends the same traffic. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random, weighted) {
  let u = random();
  for (const [value, weight] of weighted) {
    if ((u -= weight) < 0) return value;
  }
  return weighted[weighted.length - 1][0];
}

const COUNTRIES = [['US', 0.4], ['DE', 0.2], ['JP', 0.15], ['FR', 0.15], ['GB', 0.1]];
const DEVICES = [['mobile', 0.6], ['desktop', 0.3], ['tablet', 0.1]];

/** Inputs of the ctr model as in the reference period. */
function referenceRow(random) {
  return {
    ctr_7d: Number((0.01 + random() * 0.07).toFixed(5)),
    user_clicks_30d: Math.floor(random() * 21),
    query_length: 1 + Math.floor(random() * 10),
    hour_of_day: Math.floor(random() * 24),
    device_type: pick(random, DEVICES),
    geo_country: pick(random, COUNTRIES),
  };
}

/** Inputs after an upstream change: Japanese tablet traffic with far higher recent CTRs. */
function driftedRow(random) {
  return { ...referenceRow(random), ctr_7d: Number((0.15 + random() * 0.1).toFixed(5)), device_type: 'tablet', geo_country: 'JP' };
}

function writeReference(args) {
  const random = generator(20251123);
  const columns = ['ctr_7d', 'user_clicks_30d', 'query_length', 'hour_of_day', 'device_type', 'geo_country'];
  const lines = [columns.join(',')];
  for (let i = 0; i < args.rows; i += 1) {
    const row = referenceRow(random);
    lines.push(columns.map((column) => row[column]).join(','));
  }
  const out = args.out ?? path.join(root, 'examples/ad-click/reference/ctr-inputs.csv');
  writeFileSync(out, `${lines.join('\n')}\n`);
  process.stdout.write(`wrote ${args.rows} rows to ${path.relative(process.cwd(), out)}\nnow: node bin/paydown.js profile ${path.relative(process.cwd(), out)} --format json --output ${path.relative(process.cwd(), out).replace(/\.csv$/, '.profile.json')}\n`);
}

class Client {
  constructor(url, adminToken) {
    this.url = url;
    this.adminToken = adminToken;
  }

  async call(method, pathname, { token, body } = {}) {
    const headers = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`${this.url}${pathname}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    const text = await response.text();
    let json;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = { raw: text };
    }
    if (!response.ok) throw new Error(`${method} ${pathname}: HTTP ${response.status} ${json && json.error ? json.error : text.slice(0, 200)}`);
    return json;
  }

  get(pathname) {
    return this.call('GET', pathname);
  }

  admin(method, pathname, body) {
    return this.call(method, pathname, { token: this.adminToken, body });
  }

  /** One v2 inference request with rows of named inputs; returns prediction ids, scores, actions, version and who answered. */
  async infer(model, token, rows) {
    const names = Object.keys(rows[0]);
    const inputs = names.map((name) => ({
      name,
      shape: [rows.length],
      datatype: typeof rows[0][name] === 'string' ? 'BYTES' : 'FP64',
      data: rows.map((row) => row[name]),
    }));
    const answer = await this.call('POST', `/v2/models/${model}/infer`, { token, body: { inputs } });
    const output = (name) => answer.outputs.find((candidate) => candidate.name === name)?.data;
    return { ids: answer.parameters.prediction_ids, scores: output('score'), actions: output('action'), version: answer.model_version, servedBy: answer.parameters.served_by };
  }
}

async function waitFor(what, check, timeoutSeconds) {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const found = await check();
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`gave up waiting ${timeoutSeconds}s for ${what} (is the server evaluating monitors? start it with --monitor-interval 1000)`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function createToken(args, consumer) {
  const command = [path.join(root, 'bin/paydown.js'), 'token', 'create', consumer, '--system', args.system, ...(args.database ? ['--database', args.database] : [])];
  const output = execFileSync(process.execPath, command, { encoding: 'utf8' });
  const token = /pd_\S+/.exec(output)?.[0];
  if (!token) fail(`could not read the token from \`paydown token create ${consumer}\`: ${output}`);
  return token;
}

const step = (text) => process.stdout.write(`\n== ${text}\n`);
const say = (text) => process.stdout.write(`   ${text}\n`);

async function firingAlert(client, key) {
  const { alerts } = await client.get('/api/alerts?state=firing&limit=1000');
  return alerts.find((alert) => alert.key === key);
}

async function planOf(client, model) {
  const { plans } = await client.get('/api/breakers');
  return plans.find((entry) => entry.model === model)?.plan;
}

/** Sends rows in batches of at most 1,000 and returns every answer. */
async function send(client, model, token, rows) {
  const answers = [];
  for (let start = 0; start < rows.length; start += 1000) answers.push(await client.infer(model, token, rows.slice(start, start + 1000)));
  return answers;
}

async function label(client, token, answers, labelOf) {
  const outcomes = [];
  for (const answer of answers) answer.ids.forEach((id, i) => outcomes.push({ predictionId: id, label: labelOf(answer.scores[i]) }));
  for (let start = 0; start < outcomes.length; start += 5000) await client.call('POST', '/api/outcomes', { token, body: outcomes.slice(start, start + 5000) });
  return outcomes.length;
}

async function run(args) {
  const adminToken = process.env.PAYDOWN_ADMIN_TOKEN;
  if (!adminToken) fail('set PAYDOWN_ADMIN_TOKEN to the admin token the server was started with');
  const client = new Client(args.url, adminToken);
  await client.get('/v2/health/ready').catch((error) => fail(`no paydown serve at ${args.url}: ${error.message}`));
  const random = generator(7);

  step('tokens for the declared consumers (paydown token create)');
  const bidder = createToken(args, 'bidder');
  const trust = createToken(args, 'trust_console');
  say('bidder reads ctr_score (model ctr); trust_console reads spam_score (model spam_filter)');
  await new Promise((resolve) => setTimeout(resolve, 1200));

  step('calibrated traffic: 1,500 ctr predictions, labels drawn with the predicted probability');
  const calibrated = await send(client, 'ctr', bidder, Array.from({ length: 1500 }, () => referenceRow(random)));
  say(`served by ctr v${calibrated[0].version}; ${await label(client, bidder, calibrated, (score) => (random() < score ? 1 : 0))} outcomes posted`);

  step('prediction bias: 1,500 more, none of them clicked (observed rate far below the scores)');
  const biased = await send(client, 'ctr', bidder, Array.from({ length: 1500 }, () => referenceRow(random)));
  await label(client, bidder, biased, () => 0);
  const bias = await waitFor('the ctr/prediction-bias alert', () => firingAlert(client, 'ctr/prediction-bias'), args.timeout);
  say(`alert: ${bias.message}`);
  const fallback = await waitFor('the fallback plan of ctr', async () => ((await planOf(client, 'ctr'))?.mode === 'fallback' ? planOf(client, 'ctr') : undefined), args.timeout);
  const [afterFallback] = await send(client, 'ctr', bidder, [referenceRow(random)]);
  say(`response fallback: plan ${JSON.stringify(fallback)}; the next call is served by v${afterFallback.version} (${afterFallback.servedBy})`);

  step('input drift: 800 predictions of Japanese tablet traffic with high recent CTRs');
  await send(client, 'ctr', bidder, Array.from({ length: 800 }, () => driftedRow(random)));
  const drift = await waitFor('the ctr/input-drift alert', () => firingAlert(client, 'ctr/input-drift'), args.timeout);
  say(`alert: ${drift.message}`);
  await waitFor('the shadow of ctr', async () => (await planOf(client, 'ctr'))?.shadowVersion, args.timeout);
  await send(client, 'ctr', bidder, Array.from({ length: 600 }, () => referenceRow(random)));
  const shadow = await waitFor('mirrored shadow predictions', async () => {
    const comparison = await client.get('/api/models/ctr/shadow?window=1h');
    return comparison.overall.pairs >= 600 ? comparison : undefined;
  }, args.timeout);
  say(`response shadow: v${shadow.shadowVersions.join(', v')} mirrored on ${shadow.overall.pairs} live predictions; mean difference ${shadow.overall.meanDifference.toFixed(4)}, decisions flipped at ${shadow.threshold}: ${(shadow.overall.flipShare * 100).toFixed(1)}%`);
  for (const slice of shadow.slices.filter((entry) => entry.slice.startsWith('geo_country='))) say(`  ${slice.slice}: ${slice.pairs} pairs, mean difference ${slice.meanDifference.toFixed(4)}`);

  step('action limit: spam_filter blocks more than its 10,000 ads per hour');
  const spam = Array.from({ length: 10_200 }, () => ({ ad_topic: 'crypto', page_language: 'ru' }));
  const blocked = await send(client, 'spam_filter', trust, spam);
  say(`${blocked.flatMap((answer) => answer.actions ?? []).filter((action) => action === 'block_ad').length} block_ad actions taken`);
  const limit = await waitFor('the spam_filter/action-limit alert', () => firingAlert(client, 'spam_filter/action-limit'), args.timeout);
  say(`alert: ${limit.message}`);
  await waitFor('the open breaker of spam_filter', async () => ((await planOf(client, 'spam_filter'))?.mode === 'safe-default' ? true : undefined), args.timeout);
  const [halted] = await client.infer('spam_filter', trust, [{ ad_topic: 'crypto', page_language: 'ru' }]).then((answer) => [answer]);
  say(`response halt-actions: the next call is answered by ${halted.servedBy} with score ${halted.scores[0]} and action '${(halted.actions ?? [''])[0]}'`);
  say('an admin resets it on the dashboard (Breakers tab) or: curl -X POST -H "Authorization: Bearer $PAYDOWN_ADMIN_TOKEN" ' + `${args.url}/api/admin/breakers/spam_filter/reset`);

  step('stale source: the last COMPLETE run writing click_log was three hours ago');
  const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
  await client.call('POST', '/api/v1/lineage', {
    body: {
      eventType: 'COMPLETE',
      eventTime: threeHoursAgo,
      run: { runId: randomUUID() },
      job: { namespace: 'airflow', name: 'click_log_export' },
      inputs: [],
      outputs: [{ namespace: 's3://ads-logs', name: 'click_log' }],
      producer: 'https://example.com/traffic-script',
    },
  });
  const stale = await waitFor('the click_log freshness alert', () => firingAlert(client, 'ctr/upstream-freshness:click_log'), args.timeout);
  say(`alert: ${stale.message}`);

  step('summary');
  const { alerts } = await client.get('/api/alerts?state=firing&limit=1000');
  for (const alert of alerts) say(`firing  ${alert.key}`);
  const { audit } = await client.get('/api/audit?limit=20');
  for (const entry of audit.slice().reverse()) say(`audit   ${new Date(entry.at).toISOString()} ${entry.actor} ${entry.action} ${entry.target}`);
  say(`dashboard: ${args.url}/`);
}

const args = parseArgs(process.argv.slice(2));
if (args.command === 'reference') writeReference(args);
else
  run(args).catch((error) => {
    process.stderr.write(`traffic: ${error.message}\n`);
    process.exit(1);
  });
