#!/usr/bin/env node
/**
 * `npm start [-- --data-dir DIR --port N --no-server]`
 * Builds the app when sources changed, starts a local central server (so a new user sees the whole
 * system), then opens the Electron window when its binary is installed, or serves web mode and
 * prints the URL when it is not (as on machines that cannot reach Electron's download host).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const noServer = args.includes('--no-server');
const passThrough = args.filter((a) => a !== '--no-server');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildIfStale() {
  const stamp = path.join(root, 'out', '.build-stamp');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built > newestMtime(path.join(root, 'src'))) return;
  console.log('[hotline-desk] 正在构建界面（首次或源码有改动）…');
  const result = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) process.exit(result.status ?? 1);
  fs.writeFileSync(stamp, new Date().toISOString());
}

/** The Electron binary's path, or null with the reason it is not usable. */
function electronBinary() {
  try {
    const binary = require('electron');
    if (typeof binary === 'string' && fs.existsSync(binary)) return { binary };
    return { reason: 'Electron 程序文件不存在' };
  } catch (error) {
    return { reason: `Electron 程序未下载（${String(error.message).split('\n')[0]}）` };
  }
}

/**
 * A small young generation (4 MB semi-spaces instead of V8's 16 MB): scavenges come more often but
 * each is short, which keeps the p99 of a save under 2 ms (bench:store). Tail latency matters more
 * than throughput for an agent waiting on Ctrl+Enter.
 */
const NODE_GC_FLAG = '--max-semi-space-size=4';

const children = [];
function run(command, commandArgs, options = {}) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  children.push(child);
  child.on('exit', (code) => {
    for (const other of children) if (other !== child) other.kill('SIGTERM');
    process.exit(code ?? 0);
  });
  return child;
}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    for (const child of children) child.kill('SIGTERM');
    setTimeout(() => process.exit(0), 3000).unref();
  });
}

buildIfStale();

let serverUrl = null;
if (!noServer && fs.existsSync(path.join(root, 'src/server/cli.ts'))) {
  const serverPort = process.env.HOTLINE_SERVER_PORT ?? '5346';
  serverUrl = `http://127.0.0.1:${serverPort}`;
  // `node --import tsx` rather than `npx tsx`: one process, so our signals reach it directly.
  run(process.execPath, [NODE_GC_FLAG, '--import', 'tsx', 'src/server/cli.ts', '--data-dir', path.join(root, '.data', 'server'), '--port', serverPort]);
}
const serverArgs = serverUrl ? ['--server', serverUrl] : [];

const electron = electronBinary();
const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
if (electron.binary && hasDisplay) {
  run(electron.binary, [`--js-flags=${NODE_GC_FLAG}`, '.', ...passThrough, ...serverArgs], { env: { ...process.env, HOTLINE_SERVER_URL: serverUrl ?? '' } });
} else {
  const why = electron.binary ? '没有图形界面（DISPLAY 未设置）' : electron.reason;
  console.log(`[hotline-desk] ${why}：改用网页模式，请在本机浏览器打开下面的地址。`);
  const port = passThrough.includes('--port') ? [] : ['--port', process.env.HOTLINE_WEB_PORT ?? '5345'];
  run(process.execPath, [NODE_GC_FLAG, '--import', 'tsx', 'src/main/web/cli.ts', ...port, ...passThrough, ...serverArgs]);
}
