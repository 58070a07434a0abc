// Lint rules that keep the layering honest (see docs/ARCHITECTURE.md):
// src/shared runs anywhere; src/main/core and src/server are plain Node (never electron or react);
// src/renderer is browser code (never Node built-ins, never the core).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'worker_threads', 'url', 'stream', 'events', 'util', 'zlib', 'dgram', 'tls', 'readline'];
const noNode = nodeBuiltins.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [...noNode, 'electron', 'react', 'better-sqlite3'], patterns: ['**/main/**', '**/renderer/**', '**/server/**', '**/preload/**'] }],
    },
  },
  {
    files: ['src/main/core/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'react', 'react-dom', 'antd'], patterns: ['**/renderer/**', '**/preload/**', '**/main/web/**', '**/main/index*', '**/server/**'] }],
    },
  },
  {
    // The server may reuse the client core's plain-Node domain modules (catalogue, gazetteer,
    // taxonomy), never the Electron or web-mode hosts.
    files: ['src/server/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron', 'react', 'react-dom', 'antd'], patterns: ['**/renderer/**', '**/preload/**', '**/main/web/**', '**/main/index*'] }],
    },
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: [...noNode, 'electron', 'better-sqlite3', 'socket.io'], patterns: ['**/main/**', '**/server/**'] }],
    },
  },
);
