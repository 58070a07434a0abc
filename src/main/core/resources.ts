/**
 * Finds files under `resources/` whether the core runs from source (tsx, vitest), from the
 * electron-vite bundle in `out/main`, or from a packaged app (HOTLINE_RESOURCES points there).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

function findRoot(): string {
  if (process.env.HOTLINE_RESOURCES) return process.env.HOTLINE_RESOURCES;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'data'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('找不到 resources 目录（可设置 HOTLINE_RESOURCES）');
}

export function resourcePath(relative: string): string {
  root ??= findRoot();
  return path.join(root, relative);
}
