/**
 * A TCP proxy in front of the API server that can silently stall every
 * connection open at that moment: it stops forwarding bytes in both
 * directions and closes nothing, like a half-open connection behind a NAT
 * or a hung load balancer. TLS passes through untouched. Connections made
 * after the freeze are forwarded normally, so only long-lived watches notice.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

export interface StallProxy {
  port: number;
  /** Connections currently open through the proxy. */
  open(): number;
  /** Stalls every open connection; returns how many were stalled. */
  freeze(): number;
  close(): Promise<void>;
}

export async function startStallProxy(target: { host: string; port: number }): Promise<StallProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; frozen: boolean }>();
  const server: Server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    const pair = { client, upstream, frozen: false };
    pairs.add(pair);
    const forward = (from: Socket, to: Socket) =>
      from.on('data', (chunk: Buffer) => {
        if (!pair.frozen) to.write(chunk);
      });
    forward(client, upstream);
    forward(upstream, client);
    // A stalled connection hides the far end's close too; only its owner (the client) may end it.
    client.on('close', () => {
      upstream.destroy();
      pairs.delete(pair);
    });
    upstream.on('close', () => {
      if (!pair.frozen) client.destroy();
    });
    client.on('error', () => undefined);
    upstream.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    open: () => [...pairs].filter((p) => !p.frozen).length,
    freeze: () => {
      const live = [...pairs].filter((p) => !p.frozen);
      for (const pair of live) pair.frozen = true;
      return live.length;
    },
    close: async () => {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
