/**
 * Electron entry: one window, the client core in this (main) process, IPC wired to the shared
 * contract. The renderer is sandboxed with context isolation and no Node; it reaches the core only
 * through the preload's two functions. The only module that imports electron besides the preload.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session, shell } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from '../shared/contract';
import { createAssistProvider } from './core/assist-provider';
import { createClientCore, type ClientCore } from './core/client-core';
import { APP_VERSION } from './app-version';
import { CONTENT_SECURITY_POLICY } from './web/csp';

const here = path.dirname(fileURLToPath(import.meta.url));
const devRendererUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
let core: ClientCore | undefined;

/** `--server URL` on the command line, else HOTLINE_SERVER_URL; none = local profile only. */
function serverUrlFromArgs(): string | null {
  const index = process.argv.indexOf('--server');
  const value = index >= 0 ? process.argv[index + 1] : process.env.HOTLINE_SERVER_URL;
  return value ? value : null;
}

/** Is this frame showing our own renderer (file:// in production, the dev server in development)? */
function isOwnRenderer(url: string): boolean {
  return url.startsWith('file://') || (devRendererUrl !== undefined && url.startsWith(devRendererUrl));
}
let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    title: '12345 热线坐席 · hotline-desk',
    show: false,
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  // No navigation away from the app and no new windows; external links open in the browser.
  mainWindow.webContents.on('will-navigate', (event) => event.preventDefault());
  mainWindow.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  // The dev server URL is honoured only in development: a packaged app loads its own files only.
  if (devRendererUrl) void mainWindow.loadURL(devRendererUrl);
  else void mainWindow.loadFile(path.join(here, '../renderer/index.html'));
}

// No application menu: F10 would open it on Windows, and F10/F11/F12 are the 110/119/120 transfer keys.
Menu.setApplicationMenu(null);

void app.whenReady().then(() => {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));

  const assist = createAssistProvider();
  core = createClientCore({ dataDir: app.getPath('userData'), mode: 'electron', version: APP_VERSION, assist, serverUrl: serverUrlFromArgs() });
  setTimeout(() => assist.warm(), 0); // load models while the agent signs in
  ipcMain.handle(IPC_INVOKE, (event, method: unknown, input: unknown) => {
    // Only our own window's top frame may call the core.
    const frame = event.senderFrame;
    if (!mainWindow || event.sender !== mainWindow.webContents || frame !== mainWindow.webContents.mainFrame || !frame || !isOwnRenderer(frame.url)) {
      return { ok: false, error: { code: 'UNAUTHORIZED', message: '拒绝来自未知页面的调用' } };
    }
    return core!.handle(method, input);
  });
  core.onEvent((name, payload) => mainWindow?.webContents.send(IPC_EVENT, name, payload));

  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  core?.close();
  app.quit();
});
