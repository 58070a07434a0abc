/**
 * Catalogue versions over HTTP: clients fetch the published version as a delta; admins import a
 * CSV draft (a file with bad rows reports each line and imports nothing) and publish; a draft entry
 * that points to a unit retired since it was written blocks the publish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, Seat, startTestServer, token, type TestServer } from './support';
import { WIRE } from '../../../src/shared/sync-wire';

let t: TestServer;
let admin: string;
let agent: string;

beforeAll(async () => {
  t = await startTestServer();
  admin = await token(t.url, 'admin');
  agent = await token(t.url, 'agent1');
});

afterAll(async () => {
  await t?.close();
});

describe('responsibility catalogue versions', () => {
  it('serves version 1 (the shipped sample catalogue) to clients as a delta from nothing', async () => {
    const r = await api(t.url, agent, 'GET', '/api/catalogue?since=0');
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(1);
    expect(r.body.delta.upserts.length).toBeGreaterThanOrEqual(300);
    const upToDate = await api(t.url, agent, 'GET', '/api/catalogue?since=1');
    expect(upToDate.body.delta).toBeNull();
    expect((await api(t.url, agent, 'GET', '/api/catalogue?since=7')).status).toBe(400);
    expect((await api(t.url, agent, 'POST', '/api/catalogue/publish', {})).status).toBe(403);
  });

  it('reports every broken CSV row with its line number and imports nothing', async () => {
    const csv = (await fetch(`${t.url}/api/catalogue/export.csv?version=1`, { headers: { authorization: `Bearer ${admin}` } }).then((r) => r.text())).trimEnd().split('\n');
    expect(csv[0]).toMatch(/^id,matter,category_path/);
    const broken = [...csv];
    broken[2] = broken[2]!.replace(/,(直派|双派),/, ',三派,'); // line 3: bad dispatch mode
    broken[4] = broken[4]!.replace(/^([^,]+),/, '$1,').replace(/,(enterprise|municipal|district|street|unit)[^,]*,/, ',unit:no-such-unit,'); // line 5: unknown unit
    const r = await api(t.url, admin, 'POST', '/api/catalogue/draft/import', broken.join('\n'), 'text/csv');
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/未导入任何事项/);
    const lines = (r.body.error.problems as { line: number; message: string }[]).map((p) => p.line);
    expect(lines).toEqual([3, 5]);
    expect(r.body.error.problems[0].message).toMatch(/三派/);
    expect(r.body.error.problems[1].message).toMatch(/未知的承办单位/);
    const draft = await api(t.url, admin, 'GET', '/api/catalogue/draft');
    expect(draft.body.hasDraft).toBe(false);
  });

  it('refuses to publish an entry pointing to a unit retired since; publishes once fixed', async () => {
    expect((await api(t.url, admin, 'POST', '/api/units', { id: 'mu-test-dept', name: '北京市测试局', type: 'municipal_department', sector: '测试' })).status).toBe(201);
    const entry = {
      matter: '测试事项',
      categoryPath: '城乡建设',
      keywords: ['测试事项'],
      responsible: 'unit:mu-test-dept',
      coHandling: null,
      dispatchMode: 'direct',
      timeTier: '7d',
      legalBasis: '测试依据',
    };
    expect((await api(t.url, admin, 'PUT', '/api/catalogue/draft/entries/T001', entry)).status).toBe(200);
    expect((await api(t.url, admin, 'POST', '/api/units/mu-test-dept/retire', {})).status).toBe(200);
    const refused = await api(t.url, admin, 'POST', '/api/catalogue/publish', { note: '加测试事项' });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/T001.*已撤销的单位「北京市测试局」/);
    expect((await api(t.url, agent, 'GET', '/api/catalogue?since=0')).body.version).toBe(1);

    expect((await api(t.url, admin, 'PUT', '/api/catalogue/draft/entries/T001', { ...entry, responsible: 'municipal:城管执法' })).status).toBe(200);
    const seat = await Seat.connect(t.url, 'agent1');
    const published = await api(t.url, admin, 'POST', '/api/catalogue/publish', { note: '加测试事项' });
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(published.body).toMatchObject({ version: 2, upserts: 1, removed: 0 });
    // Connected seats hear about it and fetch the delta from the version they hold.
    await expect.poll(() => seat.events.find((e) => e.name === WIRE.catalogue)?.payload).toEqual({ version: 2 });
    seat.close();
    const delta = await api(t.url, agent, 'GET', '/api/catalogue?since=1');
    expect(delta.body.delta.upserts.map((e: { id: string }) => e.id)).toEqual(['T001']);
    const versions = await api(t.url, agent, 'GET', '/api/catalogue/versions');
    expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
  });
});
