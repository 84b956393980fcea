import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The physical limit for serving pages here: a bare node:http server answering every request with one
 * pre-serialized body. Whatever the simulator spends on top (generation, filtering, JSON) shows as the ratio.
 */

export interface StaticPageServer {
  url: string;
  close(): Promise<void>;
}

export async function startStaticPageServer(body: string): Promise<StaticPageServer> {
  const bytes = Buffer.from(body);
  const server = createServer({ keepAlive: true }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes.length });
    res.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
