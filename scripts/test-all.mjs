// `npm test`: type check, lint, unit tests, contract tests, build, end-to-end tests in Chromium.
// Prints each step's figures and ends with one line "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findChromium } from './chromium.mjs';

const out = mkdtempSync(join(tmpdir(), 'skulink-test-'));
let passed = 0;
let failed = 0;
const summary = [];

function run(name, cmd, args, env = {}) {
  const t0 = Date.now();
  console.log(`\n▶ ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  summary.push(`${ok ? '✔' : '✘'} ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return ok;
}

function vitest(name, config, extra = []) {
  const file = join(out, `${name}.json`);
  const args = ['vitest', 'run', ...(config ? ['--config', config] : []), '--reporter=default', '--reporter=json', `--outputFile.json=${file}`, ...extra];
  const ok = run(name, 'npx', args);
  if (existsSync(file)) {
    const r = JSON.parse(readFileSync(file, 'utf8'));
    passed += r.numPassedTests;
    failed += r.numFailedTests;
    summary[summary.length - 1] += `: ${r.numPassedTests} passed, ${r.numFailedTests} failed`;
    if (!ok && r.numFailedTests === 0) failed += 1; // the run itself failed (e.g. a suite crashed)
  } else if (!ok) failed += 1;
  return ok;
}

function step(name, cmd, args, env) {
  if (run(name, cmd, args, env)) passed += 1;
  else failed += 1;
}

let chromium;
try {
  chromium = findChromium();
  console.log(`Chromium: ${chromium}`);
} catch (e) {
  console.error(e.message);
  process.exit(1);
}

step('typecheck', 'npx', ['tsc', '--noEmit']);
step('lint', 'npx', ['eslint', '.']);
vitest('unit', undefined);
if (existsSync('tests/contract/vitest.config.ts')) vitest('contract', 'tests/contract/vitest.config.ts');
step('build firefox', 'npx', ['wxt', 'build', '-b', 'firefox']);
step('build chrome', 'npx', ['wxt', 'build']);
vitest('e2e', 'tests/e2e/vitest.config.ts');

console.log('\n' + summary.join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
