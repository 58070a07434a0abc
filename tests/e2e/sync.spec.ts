/**
 * Two agents on two clients with a real central server: each sees the other's tickets with the
 * official number; with the server gone an agent keeps working (offline, N pending) and everything
 * converges once it is back.
 */
import fs from 'node:fs';
import { test, expect, screenshot } from './fixtures';
import { DEMO_PASSWORD, startCentralServer, type CentralServer } from './central-server';
import { freshDataDir, startWebMode, type WebModeProcess } from './web-mode';
import { SignInPage } from './pages/SignInPage';
import { TicketListPage } from './pages/TicketListPage';
import { recordAppealViaApi } from './session';



test('two agents see each other’s tickets; offline work converges when the server is back', async ({ browser }) => {
  test.setTimeout(90_000);
  const serverDir = freshDataDir();
  let server: CentralServer = await startCentralServer(serverDir);
  const port = Number(new URL(server.url).port);
  const clients: WebModeProcess[] = [];
  try {
    clients.push(await startWebMode(freshDataDir(), 30_000, ['--server', server.url]));
    clients.push(await startWebMode(freshDataDir(), 30_000, ['--server', server.url]));
    const [pageA, pageB] = [await browser.newPage(), await browser.newPage()];
    for (const [page, client, user, seat] of [[pageA, clients[0]!, 'agent1', 'A-01'], [pageB, clients[1]!, 'agent2', 'A-02']] as const) {
      const signIn = new SignInPage(page);
      await signIn.openWithServer(client.url);
      await signIn.signInWithPassword(user, DEMO_PASSWORD, seat);
      await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
    }

    await recordAppealViaApi(pageA, { title: '小区路灯不亮' });
    const listA = new TicketListPage(pageA);
    const listB = new TicketListPage(pageB);
    await listA.openWithKeyboard();
    await listB.openWithKeyboard();
    // Agent B sees agent A's ticket, already with its official number (date + sequence).
    await expect(listB.row('小区路灯不亮')).toContainText(/\d{8}-\d{6}/, { timeout: 5_000 });
    await expect(listA.row('小区路灯不亮')).toContainText(/\d{8}-\d{6}/);
    await expect(listB.row('小区路灯不亮')).toContainText('139****5678');
    await screenshot(pageB, 'sync-other-agent-list');

    // The server goes away: agent A keeps recording; the header shows offline with the pending count.
    await server.stop('SIGKILL');
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-state', /offline|error/, { timeout: 10_000 });
    await recordAppealViaApi(pageA, { title: '断网时登记的诉求' });
    await expect(listA.row('断网时登记的诉求')).toContainText('离线-');
    await expect(pageA.getByTestId('connection')).toContainText('1');
    await screenshot(pageA, 'sync-offline-pending');

    // Back on the same port and data: the ticket gets its number on both clients, exactly once.
    server = await startCentralServer(serverDir, port);
    await expect(listA.row('断网时登记的诉求')).toContainText(/\d{8}-\d{6}/, { timeout: 30_000 });
    await expect(listB.row('断网时登记的诉求')).toContainText(/\d{8}-\d{6}/, { timeout: 10_000 });
    await expect(pageA.getByTestId('connection')).toHaveAttribute('data-state', 'online');
    await listB.searchFor('断网时登记的诉求');
    await listB.expectCount(1);
  } finally {
    for (const client of clients) await client.kill('SIGTERM');
    await server.stop('SIGTERM');
    fs.rmSync(serverDir, { recursive: true, force: true });
  }
});
