/**
 * `npm run simulate:units -- --server http://127.0.0.1:8345 --password X [--users unit1,unit2,unit3]
 *  [--actions 50] [--duration 120] [--interval 1000] [--return-rate 0.15] [--dispute-rate 0.1]
 *  [--seed N] [--until-idle]`
 * Signs in as unit accounts and works their inboxes automatically (see scripts/units/simulator.ts).
 */
import { parseArgs } from 'node:util';
import { runSimulation } from './units/simulator';

const { values } = parseArgs({
  options: {
    server: { type: 'string', default: 'http://127.0.0.1:8345' },
    password: { type: 'string' },
    users: { type: 'string', default: 'unit1,unit2,unit3' },
    actions: { type: 'string', default: '50' },
    duration: { type: 'string', default: '120' },
    interval: { type: 'string', default: '1000' },
    'return-rate': { type: 'string', default: '0.15' },
    'dispute-rate': { type: 'string', default: '0.1' },
    seed: { type: 'string' },
    'until-idle': { type: 'boolean', default: false },
  },
});

function number(name: string, raw: string | undefined, min: number, max: number): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min || n > max) {
    console.error(`参数 --${name} 无效：${raw}（应为 ${min}–${max}）`);
    process.exit(2);
  }
  return n;
}

if (!values.password) {
  console.error('请用 --password 指定单位账号的密码（服务器 --demo-password 或首次启动账号文件中的密码）');
  process.exit(2);
}
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : number('seed', values.seed, 0, 2 ** 32);
console.log(`simulate:units 服务器 ${values.server}，种子 ${seed}`);
try {
  const result = await runSimulation({
    server: values.server!.replace(/\/$/, ''),
    password: values.password,
    usernames: values.users!.split(',').map((u) => u.trim()).filter(Boolean),
    maxActions: number('actions', values.actions, 1, 100_000),
    durationMs: number('duration', values.duration, 1, 86_400) * 1000,
    intervalMs: number('interval', values.interval, 0, 60_000),
    returnRate: number('return-rate', values['return-rate'], 0, 1),
    disputeRate: number('dispute-rate', values['dispute-rate'], 0, 1),
    seed,
    untilIdle: values['until-idle']!,
    log: (line) => console.log(line),
  });
  process.exit(result.actions === 0 && result.errors > 0 ? 1 : 0);
} catch (error) {
  console.error(`模拟失败：${(error as Error).message}`);
  process.exit(1);
}
