/**
 * Starts the web-mode host (`tsx src/main/web/cli.ts`) on a random port with its own data
 * directory, and reads the one line it prints with the URL and session token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const URL_LINE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]+)/;
const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

export interface WebModeProcess {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function freshDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'hotline-e2e-'));
}

export async function startWebMode(dataDir: string, timeoutMs = 30_000, extraArgs: string[] = []): Promise<WebModeProcess> {
  if (!fs.existsSync(path.join(REPO_ROOT, 'out/renderer/index.html'))) {
    throw new Error('out/renderer/index.html is missing: run `npx electron-vite build` before the E2E tests');
  }
  // HOTLINE_E2E_CLI lets a developer point the suite at another entry with the same arguments.
  const cli = process.env.HOTLINE_E2E_CLI ?? 'src/main/web/cli.ts';
  // `node --import tsx` is `npx tsx` without npx's start-up cost (paid once per test here).
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group, so a kill reaches every process the host may have started.
    detached: true,
  });
  let log = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not print its URL within ${timeoutMs} ms:\n${log}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const match = URL_LINE.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited (${code}) before printing its URL:\n${log}`));
    });
  });
  return {
    url,
    dataDir,
    child,
    output: () => log,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const send = (sig: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, sig);
        } catch {
          child.kill(sig);
        }
      };
      send(signal);
      // A graceful stop may wait on the browser's keep-alive connections; do not let it hold the suite.
      const timer = signal === 'SIGKILL' ? undefined : setTimeout(() => send('SIGKILL'), 1_500);
      await exited;
      clearTimeout(timer);
    },
  };
}
