/**
 * `smesim serve`: the workbench's HTTP server (node:http). Every request passes the guard (token, Host,
 * Origin); the API answers JSON, the page and its scripts are static files, and run progress streams to
 * the page as server-sent events.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { createRequire } from 'node:module';
import { extname, join } from 'node:path';
import { packageRoot } from '../../sim/packageRoot.js';
import { type Folders, apiGet, apiPost } from './api.js';
import { JobQueue } from './jobs.js';
import { type Guard, HttpError, cookieName, insideFolder, refusal } from './security.js';

/** Largest request body accepted (a form's edits are a few kB). */
export const MAX_BODY_BYTES = 256 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.yaml': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The page's own files: the HTML and style from the source folder, the compiled modules, Plotly from node_modules. */
function staticFile(path: string): string | undefined {
  const root = packageRoot();
  if (path === '/' || path === '/index.html') return join(root, 'workbench', 'index.html');
  if (path === '/style.css') return join(root, 'workbench', 'style.css');
  if (path === '/plotly.min.js') return createRequire(import.meta.url).resolve('plotly.js-dist-min');
  const m = /^\/app\/([A-Za-z]+\.js)$/.exec(path);
  return m ? join(root, 'dist', 'workbench', m[1]!) : undefined;
}

/** Send a file with its type (HttpError 404 when it is not there). */
function sendFile(res: ServerResponse, path: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new HttpError(404, 'no such file');
  res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' });
  createReadStream(path).pipe(res);
}

/** The JSON body of a request, refused (413) beyond MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES)
    throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk);
  }
  try {
    const body: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return body as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new HttpError(400, 'the request body must be a JSON object');
}

/** A running workbench: its server, queue and the URL to open. */
export interface Workbench {
  server: Server;
  jobs: JobQueue;
  url: string;
  close(): Promise<void>;
}

/** Start the workbench on host:port (port 0: any free port) over the folders; resumes unfinished comparisons. */
export async function startWorkbench(
  folders: Folders,
  opts: { host: string; port: number; token: string; workers?: number },
): Promise<Workbench> {
  const sse = new Set<ServerResponse>();
  const jobs = new JobQueue(folders.scenarioDir, folders.outRoot, opts.workers, () => {
    const data = `event: jobs\ndata: ${JSON.stringify(jobs.jobs)}\n\n`;
    for (const res of sse) res.write(data);
  });
  const guard: Guard = {
    port: 0,
    extraHosts: opts.host === '127.0.0.1' ? [] : [opts.host],
    token: opts.token,
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const refused = refusal(req, url, guard);
    if (refused) throw new HttpError(...refused);
    if (url.searchParams.get('token'))
      res.setHeader(
        'set-cookie',
        `${cookieName(guard.port)}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`,
      );
    res.setHeader('x-content-type-options', 'nosniff');
    const path = url.pathname;
    if (path === '/api/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
      res.write(`event: jobs\ndata: ${JSON.stringify(jobs.jobs)}\n\n`);
      sse.add(res);
      req.on('close', () => sse.delete(res));
      return;
    }
    const api = /^\/api\/([a-z]+)$/.exec(path);
    if (api) {
      const answer =
        req.method === 'POST'
          ? apiPost(api[1]!, await readBody(req), folders, jobs)
          : apiGet(api[1]!, url, folders, jobs);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(
        JSON.stringify(answer, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
      );
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, 'only GET here');
    const out = /^\/out\/(.+)$/.exec(path);
    const scenario = /^\/scenarios\/([^/]+\.ya?ml)$/.exec(path);
    const file = out
      ? insideFolder(folders.outRoot, decodeURIComponent(out[1]!))
      : scenario
        ? insideFolder(folders.scenarioDir, decodeURIComponent(scenario[1]!))
        : staticFile(path);
    if (!file) throw new HttpError(404, 'no such page');
    sendFile(res, file);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: message }));
      if (status === 413) req.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port, opts.host, () => ok());
  });
  guard.port = (server.address() as { port: number }).port;
  jobs.resumeUnfinished();
  const shown = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  return {
    server,
    jobs,
    url: `http://${shown}:${guard.port}/?token=${opts.token}`,
    close: async () => {
      jobs.stop();
      for (const res of sse) res.end();
      await new Promise<void>((ok) => server.close(() => ok()));
    },
  };
}
