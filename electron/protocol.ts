// Serves the built renderer (dist/renderer) over app://layerloom/. Invariant: a request can only
// ever read a file inside `root`; anything else gets a 404 without touching the file system.
import type { CustomScheme } from 'electron';
import path from 'node:path';
import { securityHeaders } from './csp.ts';

export const APP_SCHEME = 'app';
export const APP_HOST = 'layerloom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The URL the main window loads. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Registered before `ready`: standard + secure so the origin behaves like https (fetch, workers). */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** The Content-Type for a served file, by extension; unknown types are opaque bytes. */
export function mimeType(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * Maps an app:// request URL to an absolute file path inside `root`, or null when the URL is for
 * another host, malformed, or tries to leave `root` (`..`, encoded slashes, backslashes, NUL, ':').
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username !== '' || url.password !== '') return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/')) return null;
  const segments = decoded.slice(1).split('/');
  for (const s of segments) {
    // After decoding, "%2e%2e" and "%2f" have become real dots and slashes, so check every segment;
    // ':' and '\\' would let a Windows path name a drive or climb out of root.
    if (s === '..' || s === '.' || s.includes('\\') || s.includes(':') || s.includes('\0')) {
      return null;
    }
  }
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1);
  const base = path.resolve(root);
  const resolved = path.resolve(base, relative);
  // Lexical containment as a second line of defence.
  if (!resolved.startsWith(base + path.sep)) return null;
  return resolved;
}

/** Reads a file's bytes; rejects when it is missing or not a regular file. */
export type ReadFile = (absolutePath: string) => Promise<Uint8Array>;

/** A protocol.handle() handler serving files under `root` with the security headers. */
export function createAppProtocolHandler(
  root: string,
  readFile: ReadFile,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers = securityHeaders();
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return new Response(null, { status: 405, headers: { ...headers, Allow: 'GET, HEAD' } });
    }
    const filePath = resolveAppPath(root, request.url);
    if (filePath === null) return new Response(null, { status: 404, headers });
    let body: Uint8Array;
    try {
      body = await readFile(filePath);
    } catch {
      return new Response(null, { status: 404, headers });
    }
    const payload = request.method === 'HEAD' ? null : new Uint8Array(body);
    return new Response(payload, {
      status: 200,
      headers: { ...headers, 'Content-Type': mimeType(filePath) },
    });
  };
}
