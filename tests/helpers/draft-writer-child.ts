// Saves a growing draft through the client core as fast as it can, printing each acknowledged
// version, until it is killed. Used by the kill -9 test.
import { createClientCore } from '../../src/main/core/client-core';

const core = createClientCore({ dataDir: process.argv[2]!, mode: 'web', version: 'test' });
let version = 0;
await core.handle('session.signIn', { agentName: '王芳', seat: 'A-07' });
async function loop() {
  for (;;) {
    version++;
    const result = await core.handle('drafts.save', { id: 'draft-kill', appeal: { content: `第${version}版：楼道漏水`, version } });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    process.stdout.write(`saved ${version}\n`);
  }
}
void loop();
