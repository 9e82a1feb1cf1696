import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a module snippet and says whether it loaded a native addon (DuckDB is the only one). */
function loadsNativeCode(snippet: string): boolean {
  const program = `let loaded = false; const dlopen = process.dlopen; process.dlopen = (...args) => { loaded = true; return dlopen(...args); }; ${snippet}; console.log(loaded);`;
  return execFileSync('node', ['--input-type=module', '-e', program], { cwd: root, encoding: 'utf8' }).trim() === 'true';
}

describe('the package entry points', () => {
  it('runs a check through `paydown` exactly as the CLI does', async () => {
    const { loadSystem, loadEvidence, check } = await import('paydown');
    const system = await loadSystem(path.join(root, 'examples/ad-click'));
    const evidence = await loadEvidence((system.config.evidence ?? []).map((file) => path.join(root, 'examples/ad-click', file)));
    const result = check(system, { evidence, today: '2026-11-23' });
    const cli = spawnSync('node', ['bin/paydown.js', 'check', 'examples/ad-click', '--format', 'json', '--today', '2026-11-23'], { cwd: root, encoding: 'utf8' });
    assert.equal(cli.status, result.exitCode);
    const { findings } = JSON.parse(cli.stdout) as { findings: Array<{ fingerprint: string }> };
    assert.deepEqual(findings.map((finding) => finding.fingerprint), result.findings.map((finding) => finding.fingerprint));
  });

  it('loads DuckDB only when data is read, never for `import "paydown"`', () => {
    const data = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-api-')), 'tiny.csv');
    writeFileSync(data, 'a,b\n1,x\n2,y\n');
    assert.equal(loadsNativeCode(`await import('paydown')`), false);
    assert.equal(loadsNativeCode(`await import('paydown/data')`), false);
    assert.equal(loadsNativeCode(`const { profileData } = await import('paydown/data'); await profileData(${JSON.stringify(data)})`), true);
  });
});
