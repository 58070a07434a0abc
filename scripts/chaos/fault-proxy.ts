/**
 * Fault injector: an in-process TCP proxy between sync clients and the server. It can add latency,
 * black-hole traffic (bytes held back as if packets were lost, so timeouts fire), refuse new
 * connections (server unreachable), cut every open connection, and cut a connection at a random
 * moment of server → client traffic (the ack of an applied batch is lost: the client must resend
 * and the server must answer from its record instead of applying twice). Bytes are never altered
 * or reordered inside a connection: TCP does not do that, and WebSocket framing would just fail.
 */
import net from 'node:net';

export interface FaultSettings {
  delayMs: number; // added to every chunk in both directions
  blackhole: boolean; // hold all traffic until lifted
  refuse: boolean; // reject new connections
  cutAckProbability: number; // per server→client chunk: cut the connection instead of forwarding
}

export class FaultProxy {
  private server: net.Server | null = null;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  readonly settings: FaultSettings = { delayMs: 0, blackhole: false, refuse: false, cutAckProbability: 0 };
  port = 0;
  stats = { connections: 0, cuts: 0, ackCuts: 0 };

  constructor(
    private upstreamPort: number,
    private readonly random: () => number = Math.random,
  ) {}

  async listen(port = 0): Promise<number> {
    this.server = net.createServer((client) => this.accept(client));
    await new Promise<void>((resolve) => this.server!.listen(port, '127.0.0.1', () => resolve()));
    this.port = (this.server.address() as net.AddressInfo).port;
    return this.port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  setUpstream(port: number): void {
    this.upstreamPort = port;
  }

  /** Heals the link: no delay, no black hole, new connections accepted. */
  heal(): void {
    Object.assign(this.settings, { delayMs: 0, blackhole: false, refuse: false, cutAckProbability: 0 });
  }

  cutAll(): void {
    for (const pair of this.pairs) this.cut(pair);
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private cut(pair: { client: net.Socket; upstream: net.Socket }): void {
    if (!this.pairs.delete(pair)) return;
    this.stats.cuts += 1;
    pair.client.destroy();
    pair.upstream.destroy();
  }

  private accept(client: net.Socket): void {
    if (this.settings.refuse) {
      client.destroy();
      return;
    }
    this.stats.connections += 1;
    const upstream = net.connect(this.upstreamPort, '127.0.0.1');
    const pair = { client, upstream };
    this.pairs.add(pair);
    const close = (): void => this.cut(pair);
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
    this.forward(client, upstream, pair, false);
    this.forward(upstream, client, pair, true);
  }

  /** Forwards chunks in order; delays and black holes queue them, never reorder them. */
  private forward(from: net.Socket, to: net.Socket, pair: { client: net.Socket; upstream: net.Socket }, toClient: boolean): void {
    const queue: Buffer[] = [];
    let flushing = false;
    const flush = (): void => {
      if (flushing) return;
      flushing = true;
      const step = (): void => {
        if (!this.pairs.has(pair)) return;
        if (this.settings.blackhole) {
          setTimeout(step, 20);
          return;
        }
        const chunk = queue.shift();
        if (!chunk) {
          flushing = false;
          return;
        }
        if (toClient && this.settings.cutAckProbability > 0 && this.random() < this.settings.cutAckProbability) {
          this.stats.ackCuts += 1;
          this.cut(pair);
          return;
        }
        to.write(chunk);
        if (this.settings.delayMs > 0) setTimeout(step, this.settings.delayMs);
        else step();
      };
      if (this.settings.delayMs > 0 || this.settings.blackhole) setTimeout(step, this.settings.delayMs);
      else step();
    };
    from.on('data', (chunk: Buffer) => {
      queue.push(chunk);
      flush();
    });
  }
}
