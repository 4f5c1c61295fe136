import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import memory from 'pouchdb-adapter-memory';
import http from 'pouchdb-adapter-http';
import replication from 'pouchdb-replication';

PouchDB.plugin(memory).plugin(http).plugin(replication);

/** PouchDB for Node: in-memory local databases and HTTP ones, with the replicator. */
export { PouchDB };

let servers = 0;

export interface CouchServer {
  /** http://127.0.0.1:PORT */
  url: string;
  port: number;
  /** The server's own handle on a database (read it directly, write hostile documents into it). */
  database(name: string): PouchDB.Database;
  /** Stop answering (every open connection is cut), keeping the data, as a server that is killed. */
  stop(): Promise<void>;
  /** Listen again on the same port, with the same data. */
  start(): Promise<void>;
  close(): Promise<void>;
}

export interface CouchOptions {
  /** Users and passwords; every request must then authenticate (HTTP Basic), as on CouchDB outside "admin party". */
  users?: Record<string, string>;
  /** Databases created at start (other names answer 404, as CouchDB does). */
  databases?: string[];
  /** Answer cross-origin requests from web pages, as CouchDB does with [cors] enabled (the benchmark's page needs it). */
  cors?: boolean;
  /** Run design documents' `validate_doc_update` functions, as CouchDB does: a refused document is a per-document 403 in `_bulk_docs`'s answer. */
  validation?: boolean;
}

/**
 * A real CouchDB-protocol server on 127.0.0.1 with a random free port: PouchDB Server's
 * HTTP layer (express-pouchdb) over in-memory PouchDB databases, started and stopped by the
 * test. HTTP Basic authentication is checked in front of it the way CouchDB answers it
 * (401 `{"error":"unauthorized"}`); database creation is refused (CouchDB lets only admins
 * create them), so a wrong database name gives 404 as it would there.
 */
export async function startCouch(options: CouchOptions = {}): Promise<CouchServer> {
  const Server = PouchDB.defaults({ adapter: 'memory', prefix: `couch-${process.pid}-${++servers}-` } as PouchDB.Options);
  const databases = new Set(options.databases ?? ['margin']);
  const handles = new Map<string, PouchDB.Database>();
  const database = (name: string) => {
    let db = handles.get(name);
    if (!db) handles.set(name, (db = new Server(name)));
    return db;
  };
  const couch = expressPouchDB(Server, {
    mode: 'minimumForPouchDB',
    inMemoryConfig: true,
    ...(options.validation ? { overrideMode: { include: ['validation'] } } : {}),
  });
  const app = (req: IncomingMessage, res: ServerResponse) => {
    const json = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (options.cors && req.headers.origin) {
      res.setHeader('access-control-allow-origin', req.headers.origin);
      res.setHeader('access-control-allow-credentials', 'true');
      res.setHeader('access-control-expose-headers', 'content-type, cache-control, etag');
      if (req.method === 'OPTIONS') {
        res.writeHead(204, {
          'access-control-allow-methods': 'GET, PUT, POST, HEAD, DELETE',
          'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type, accept',
          'access-control-max-age': '600',
        });
        res.end();
        return;
      }
    }
    if (options.users) {
      const header = req.headers.authorization ?? '';
      const [user, password] = Buffer.from(header.replace(/^Basic /, ''), 'base64')
        .toString()
        .split(':');
      if (!header.startsWith('Basic ') || !user || options.users[user] !== password)
        return json(401, { error: 'unauthorized', reason: 'Name or password is incorrect.' });
    }
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.split('/')[1] ?? '');
    if (name && !name.startsWith('_') && !databases.has(name)) return json(404, { error: 'not_found', reason: 'Database does not exist.' });
    couch(req, res);
  };
  const server: Server = createServer(app);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.address() as AddressInfo).port;
        server.off('error', reject);
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
  await listen();
  // Created over HTTP, as an admin would, so that the server knows them.
  const [user, password] = Object.entries(options.users ?? {})[0] ?? [];
  const auth = user ? { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` } : undefined;
  for (const name of databases) {
    const answer = await fetch(`http://127.0.0.1:${port}/${encodeURIComponent(name)}`, { method: 'PUT', headers: auth });
    if (!answer.ok) throw new Error(`Creating ${name}: ${answer.status} ${await answer.text()}`);
  }
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    database,
    stop,
    start: listen,
    async close() {
      await stop();
      for (const db of handles.values()) await db.destroy().catch(() => {});
    },
  };
}

export type ProxyMode = 'pass' | 'error-500' | 'garbage';

export interface FaultyProxy {
  url: string;
  mode: ProxyMode;
  close(): Promise<void>;
}

/** A tiny 127.0.0.1 proxy in front of `target` that can answer 500s or garbage instead of passing requests on. */
export async function startFaultyProxy(target: string, mode: ProxyMode = 'pass'): Promise<FaultyProxy> {
  const upstream = new URL(target);
  const proxy: FaultyProxy = { url: '', mode, close: async () => {} };
  const server = createServer((req, res) => {
    if (proxy.mode === 'error-500') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal_server_error","reason":"simulated"}');
      return;
    }
    if (proxy.mode === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('\u0000\u00ff<html>not json at all');
      return;
    }
    const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return proxy;
}
