/**
 * What keeps a local web server local: the token, the Host header (against DNS rebinding), the Origin of
 * changing requests (against cross-site requests), and paths that stay inside their folder.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { IncomingMessage } from 'node:http';

/** The server's address and secret, as the checks need them. */
export interface Guard {
  /** Port the server listens on (the Host and Origin must name it). */
  port: number;
  /** Host names a browser may use besides localhost and 127.0.0.1 (the --host given). */
  extraHosts: string[];
  /** The token every request must carry (query `token`, header `x-smesim-token` or cookie). */
  token: string;
}

/** A fresh random token, as Jupyter prints one. */
export function newToken(): string {
  return randomBytes(24).toString('hex');
}

/** The name of the cookie that holds the token (one per port: cookies do not tell ports apart). */
export const cookieName = (port: number) => `smesim_token_${port}`;

/** The token a request carries: `?token=`, the `x-smesim-token` header, or the server's cookie. */
export function tokenOf(req: IncomingMessage, url: URL, port: number): string | undefined {
  const header = req.headers['x-smesim-token'];
  if (typeof header === 'string') return header;
  const query = url.searchParams.get('token');
  if (query) return query;
  const cookie = new RegExp(`(?:^|;\\s*)${cookieName(port)}=([0-9a-f]+)`).exec(req.headers.cookie ?? '');
  return cookie?.[1];
}

/** Whether two tokens are equal, in constant time. */
function sameToken(a: string | undefined, b: string): boolean {
  if (a === undefined || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/** `host[:port]` names this server: localhost, 127.0.0.1 (or an extra host) and our port. */
function isOurHost(hostPort: string | undefined, guard: Guard): boolean {
  if (!hostPort) return false;
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  if (!m) return false;
  const host = m[1]!.toLowerCase();
  const hosts = ['localhost', '127.0.0.1', ...guard.extraHosts.map((h) => h.toLowerCase())];
  return hosts.includes(host) && Number(m[2] ?? 80) === guard.port;
}

/**
 * Why a request is refused (status and message), or undefined when it may go on: a Host header that is not
 * this server (a DNS-rebinding page), a changing request from another Origin, or a missing or wrong token.
 */
export function refusal(req: IncomingMessage, url: URL, guard: Guard): [number, string] | undefined {
  if (!isOurHost(req.headers.host, guard))
    return [421, 'this server answers only requests addressed to localhost or 127.0.0.1'];
  const changing = !['GET', 'HEAD'].includes(req.method ?? 'GET');
  const origin = req.headers.origin;
  if (changing && (origin === undefined || !isOurHost(originHost(origin), guard)))
    return [403, 'a changing request must come from the workbench page itself (Origin)'];
  if (!sameToken(tokenOf(req, url, guard.port), guard.token))
    return [401, 'missing or wrong token: open the URL the server printed, with its ?token=…'];
  return undefined;
}

/** The `host:port` of an Origin header (`http://localhost:8321`), or undefined. */
function originHost(origin: string): string | undefined {
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' ? u.host : undefined;
  } catch {
    return undefined;
  }
}

/** An error that becomes an HTTP answer with this status and a message for people. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The absolute path of `name` inside `root`, or HttpError 400/403: no absolute path, no `..` out of the
 * folder, and no symbolic link whose target lies outside it (checked on the real paths when the file exists).
 */
export function insideFolder(root: string, name: string): string {
  if (name === '' || name.includes('\0') || isAbsolute(name) || /^[a-zA-Z]:/.test(name))
    throw new HttpError(400, `not a file name inside the folder: '${name.slice(0, 80)}'`);
  const rootAbs = resolve(root);
  const path = resolve(rootAbs, name);
  if (!isInside(rootAbs, path)) throw new HttpError(403, `outside the served folder: '${name.slice(0, 80)}'`);
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return path; // not there (yet): the lexical check above is what there is to check
  }
  if (!isInside(realpathSync(rootAbs), real))
    throw new HttpError(403, `leads outside the served folder (a link): '${name.slice(0, 80)}'`);
  return path;
}

/** Whether `path` is `root` or lies below it. */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
