/**
 * Web mode entry: `tsx src/main/web/cli.ts --data-dir DIR [--port N]`. Prints one line with the
 * URL (token included) for a browser on this machine. Also what `npm start` runs when the
 * Electron binary is absent.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClientCore } from '../core/client-core';
import { APP_VERSION } from '../app-version';
import { createAssistProvider } from '../core/assist-provider';
import { startWebHost } from './web-host';

interface CliOptions {
  dataDir: string;
  port: number;
  rendererDir: string;
  serverUrl: string | null;
}

export function parseArgs(argv: string[]): CliOptions {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
  const options: CliOptions = {
    dataDir: path.join(repoRoot, '.data', 'client'),
    port: 0,
    rendererDir: process.env.HOTLINE_RENDERER_DIR ?? path.join(repoRoot, 'out', 'renderer'),
    serverUrl: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--data-dir' && value) {
      options.dataDir = path.resolve(value);
      i++;
    } else if (arg === '--port' && value) {
      options.port = Number(value);
      if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) throw new Error(`--port 应为 0–65535 的整数：${value}`);
      i++;
    } else if (arg === '--server' && value) {
      options.serverUrl = value;
      i++;
    } else if (arg === '--renderer-dir' && value) {
      options.rendererDir = path.resolve(value);
      i++;
    } else {
      throw new Error(`不认识的参数：${arg}（可用：--data-dir DIR --port N --server URL --renderer-dir DIR）`);
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const assist = createAssistProvider();
  const core = createClientCore({ dataDir: options.dataDir, mode: 'web', version: APP_VERSION, assist, serverUrl: options.serverUrl });
  if (core.storageFailure) console.error(`[hotline-desk] ${core.storageFailure.message}`);
  const host = await startWebHost({ core, rendererDir: options.rendererDir, port: options.port });
  console.log(`hotline-desk web mode: ${host.url}`);
  // Load the classifier and catalogue now, while the agent signs in, not on the first keystroke.
  setTimeout(() => assist.warm(), 0);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`[hotline-desk] 无法启动网页模式：${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
