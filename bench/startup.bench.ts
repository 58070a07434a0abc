/**
 * `npm run bench:startup`: cold start of web mode to the first interactive screen (an enabled input
 * on screen), against a same-run baseline: a bare Node HTTP server started the same way serving a
 * one-input page, loaded in the same browser. Needs `npm run build` first and Debian chromium.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/[^\s]*)/;

const BASELINE_SERVER = `
const http = require('node:http');
const server = http.createServer((req, res) => { res.writeHead(200, {'content-type': 'text/html; charset=utf-8'}); res.end('<!doctype html><input autofocus>'); });
server.listen(0, '127.0.0.1', () => console.log('baseline: http://127.0.0.1:' + server.address().port + '/'));
`;

function startAndWaitForUrl(command: string, args: string[]): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = URL_LINE.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.on('exit', (code) => reject(new Error(`exited ${code} before printing its URL`)));
  });
}

async function measure(browser: import('@playwright/test').Browser, command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const { child, url } = await startAndWaitForUrl(command, args);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(url);
  await page.locator('input:visible:enabled').first().waitFor({ state: 'visible', timeout: 30_000 });
  const elapsed = performance.now() - started;
  await page.close();
  child.kill('SIGKILL');
  return elapsed;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!fs.existsSync('out/renderer/index.html')) {
  console.error('先运行 npm run build');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const ours: number[] = [];
const base: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-startup-'));
  base.push(await measure(browser, process.execPath, ['-e', BASELINE_SERVER]));
  ours.push(await measure(browser, process.execPath, ['--import', 'tsx', 'src/main/web/cli.ts', '--data-dir', dataDir]));
  fs.rmSync(dataDir, { recursive: true, force: true });
}
await browser.close();
console.log(`runs: ${RUNS}`);
console.log(`baseline (bare node server + one-input page): median ${median(base).toFixed(0)} ms`);
console.log(`web mode cold start to first interactive screen: median ${median(ours).toFixed(0)} ms`);
console.log(`ratio: ${(median(ours) / median(base)).toFixed(2)}`);
