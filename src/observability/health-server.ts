/**
 * The operator's one HTTP server: `/metrics` (Prometheus text), `/healthz`
 * (liveness: the process answers; it never depends on the API server, or an
 * API server outage would restart every replica) and `/readyz` (readiness: the
 * informers have synced). Standby replicas are ready too: readiness says the
 * replica works, not that it leads.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type client from 'prom-client';

export interface HealthServerOptions {
  port: number;
  host?: string;
  registry: client.Registry;
  /** Readiness checks by name; each returns true when ready. */
  readiness: Record<string, () => boolean>;
}

export interface RunningHealthServer {
  port: number;
  close(): Promise<void>;
}

export async function startHealthServer(options: HealthServerOptions): Promise<RunningHealthServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (path === '/metrics') {
      options.registry.metrics().then(
        (text) => res.writeHead(200, { 'Content-Type': options.registry.contentType }).end(text),
        (error: unknown) =>
          res.writeHead(500, { 'Content-Type': 'text/plain' }).end(`metrics failed: ${String(error)}\n`),
      );
      return;
    }
    if (path === '/healthz' || path === '/livez') {
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('ok\n');
      return;
    }
    if (path === '/readyz') {
      const failing = Object.entries(options.readiness).filter(([, ready]) => !ready());
      const body =
        failing.length === 0 ? 'ok\n' : failing.map(([name]) => `[-]${name} not ready`).join('\n') + '\n';
      res.writeHead(failing.length === 0 ? 200 : 503, { 'Content-Type': 'text/plain' }).end(body);
      return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
