/**
 * `npm run server -- --data-dir DIR --port N --host 127.0.0.1 [--demo-password X]`
 * Starts the central server; on first start prints where the generated accounts are written.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHotlineServer } from './app';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data/server' },
    port: { type: 'string', default: '8345' },
    host: { type: 'string', default: '127.0.0.1' },
    'demo-password': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`端口无效：${values.port}`);
  process.exit(2);
}

try {
  const server = await startHotlineServer({
    dataDir: path.resolve(values['data-dir']!),
    port,
    host: values.host!,
    demoPassword: values['demo-password'],
  });
  if (server.credentialsFile) {
    console.log(`首次启动：已创建管理员和演示账号，账号与密码见 ${server.credentialsFile}（仅本机用户可读）`);
  }
  console.log(`承办单位工作台 ${server.url}/units/ ，派单审核 ${server.url}/review/ （接口说明见 docs/UNITS-API.md）`);
  // Machine-readable line: tests and scripts wait for it to learn the port.
  console.log(`hotline-server listening ${server.url}`);
  const shutdown = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
} catch (error) {
  console.error(`服务器启动失败：${(error as Error).message}`);
  process.exit(1);
}
