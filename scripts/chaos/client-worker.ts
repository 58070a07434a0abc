/**
 * One chaos client as a real process: records `--tickets` appeals (and some edits and notes) at a
 * steady pace while its sync engine runs, then keeps syncing until killed. It may be SIGKILLed at
 * any moment, mid-write included, and restarted on the same data directory: SQLite's transactions
 * decide what was created, so the parent reads the created tickets from the database, not from
 * this process's output.
 *
 * Usage: tsx scripts/chaos/client-worker.ts --data-dir D --server-url U --username agent1
 *          --tickets N --seed S [--skew-ms MS] [--pace-ms MS]
 * Prints `progress <created>` now and then and `done <created>` when all its tickets exist.
 */
import { parseArgs } from 'node:util';
import { ClientNode, rng } from './harness';

const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'server-url': { type: 'string' },
    username: { type: 'string', default: 'agent1' },
    tickets: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    'skew-ms': { type: 'string', default: '0' },
    'pace-ms': { type: 'string', default: '2' },
  },
});

const target = Number(values.tickets);
const node = new ClientNode({
  dataDir: values['data-dir']!,
  serverUrl: values['server-url']!,
  username: values.username!,
  skewMs: Number(values['skew-ms']),
}).start();

const ownCount = (): number =>
  (node.opened.sqlite.prepare("SELECT COUNT(*) AS n FROM tickets WHERE provisional_no NOT LIKE '%@%'").get() as { n: number }).n;

// Resume where the previous life of this client stopped; the seed moves on so labels stay unique.
let created = ownCount();
const random = rng(Number(values.seed) * 7919 + created);
const pace = Number(values['pace-ms']);

while (created < target) {
  const burst = Math.min(target - created, 1 + Math.floor(random() * 5));
  for (let i = 0; i < burst; i++) {
    const id = node.create(random, `${values.username}-${created}`);
    created += 1;
    const roll = random();
    if (roll < 0.1) node.edit(id, `改过的标题 ${created}`);
    else if (roll < 0.15) node.note(id, '补充说明：来电人再次来电催办');
    else if (roll < 0.2) {
      // Edit someone else's ticket: concurrent edits get refused as stale, and that must converge too.
      const others = node.opened.sqlite.prepare("SELECT id FROM tickets WHERE provisional_no LIKE '%@%' ORDER BY id").all() as { id: string }[];
      const other = others[Math.floor(random() * others.length)];
      if (other) node.edit(other.id, `他人修改 ${created}`);
    }
  }
  if (created % 50 < burst) console.log(`progress ${created}`);
  await new Promise((resolve) => setTimeout(resolve, pace));
}
console.log(`done ${created}`);
// Stay up: keep pushing and receiving the others' tickets until the parent stops us.
process.on('SIGTERM', () => {
  void node.sync.stop().then(() => process.exit(0));
});
