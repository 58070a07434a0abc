#!/usr/bin/env node
/**
 * `npm test`: everything CI checks, in order, failing loudly on the first broken step:
 * typecheck → lint → unit/integration (vitest) → build → E2E (Playwright, Chromium, web mode).
 * Ends with one summary line `N passed, N failed, N skipped` counted from the runners' JSON reports.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const reports = path.join(root, '.tmp', 'reports');
fs.mkdirSync(reports, { recursive: true });
const only = process.argv.slice(2); // e.g. `npm test -- unit` runs only that step

const steps = [
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'lint', cmd: ['npm', 'run', '--silent', 'lint'] },
  { name: 'unit', cmd: ['npx', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(reports, 'vitest.json')}`] },
  { name: 'build', cmd: ['npx', 'electron-vite', 'build'] },
  { name: 'e2e', cmd: ['npx', 'playwright', 'test', '--reporter=list,json'], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(reports, 'playwright.json') } },
];

const totals = { passed: 0, failed: 0, skipped: 0 };
let failedStep = null;
for (const step of steps) {
  if (only.length && !only.includes(step.name)) continue;
  const started = Date.now();
  console.log(`\n=== ${step.name}: ${step.cmd.join(' ')}`);
  const result = spawnSync(step.cmd[0], step.cmd.slice(1), { cwd: root, stdio: 'inherit', env: { ...process.env, ...step.env } });
  console.log(`=== ${step.name}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (step.name === 'unit') countVitest();
  if (step.name === 'e2e') countPlaywright();
  if (result.status !== 0) {
    failedStep = step.name;
    break;
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

function countVitest() {
  const report = readJson(path.join(reports, 'vitest.json'));
  if (!report) return;
  totals.passed += report.numPassedTests ?? 0;
  totals.failed += report.numFailedTests ?? 0;
  totals.skipped += (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
}

function countPlaywright() {
  const report = readJson(path.join(reports, 'playwright.json'));
  if (!report?.stats) return;
  totals.passed += report.stats.expected ?? 0;
  totals.failed += (report.stats.unexpected ?? 0) + (report.stats.flaky ?? 0);
  totals.skipped += report.stats.skipped ?? 0;
}

if (failedStep && totals.failed === 0) totals.failed = 1; // a failed typecheck/lint/build counts as a failure
console.log(`\n${failedStep ? `FAILED at step "${failedStep}"` : 'all steps ok'}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedStep ? 1 : 0);
