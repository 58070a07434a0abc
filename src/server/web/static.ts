/**
 * The unit web page (/units/) and the reviewer page (/review/): plain HTML + small vanilla JS
 * modules served from src/server/web/public with a strict Content-Security-Policy (no inline
 * script or style, nothing from other origins), so a ticket's text can never run as code there.
 * Only the files listed here are served: no path from the URL ever reaches the file system.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';

const PUBLIC = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');

const FILES: Record<string, { file: string; type: string }> = {
  '/units/': { file: 'units.html', type: 'text/html; charset=utf-8' },
  '/units/units.js': { file: 'units.js', type: 'text/javascript; charset=utf-8' },
  '/review/': { file: 'review.html', type: 'text/html; charset=utf-8' },
  '/review/review.js': { file: 'review.js', type: 'text/javascript; charset=utf-8' },
  '/review/review-picker.js': { file: 'review-picker.js', type: 'text/javascript; charset=utf-8' },
  '/web/common.js': { file: 'common.js', type: 'text/javascript; charset=utf-8' },
  '/web/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
};

export const WEB_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const cache = new Map<string, Buffer>();

/** Serves a page or asset; false when the path is not one of ours. */
export function serveWeb(_req: IncomingMessage, res: ServerResponse, pathname: string): boolean {
  if (pathname === '/units' || pathname === '/review') {
    res.writeHead(301, { location: `${pathname}/` });
    res.end();
    return true;
  }
  const entry = FILES[pathname];
  if (!entry) return false;
  let body = cache.get(entry.file);
  if (!body) {
    body = fs.readFileSync(path.join(PUBLIC, entry.file));
    cache.set(entry.file, body);
  }
  res.writeHead(200, {
    'content-type': entry.type,
    'content-length': String(body.length),
    'content-security-policy': WEB_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  res.end(body);
  return true;
}
