import { io, type Socket } from 'socket.io-client';
import { v7 as uuidv7 } from 'uuid';
import { DEMO_PASSWORD } from '../../../scripts/chaos/harness';

export async function login(url: string, username: string, password = DEMO_PASSWORD): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }> {
  const response = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

/** A raw Socket.IO connection, as a hostile or buggy client would open it. */
export async function rawSocket(url: string, username: string, password = DEMO_PASSWORD, clientId = uuidv7()): Promise<{ socket: Socket; clientId: string }> {
  const { body } = await login(url, username, password);
  const socket = io(url, { auth: { token: body.token, clientId }, transports: ['websocket'], reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, clientId };
}

export function connectError(url: string, auth: unknown): Promise<{ message: string; data?: { code?: string; message?: string } }> {
  const socket = io(url, { auth: auth as Record<string, unknown>, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => {
      socket.disconnect();
      reject(new Error('connected without valid credentials'));
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string; message?: string } }) => {
      socket.disconnect();
      resolve({ message: error.message, data: error.data });
    });
  });
}
