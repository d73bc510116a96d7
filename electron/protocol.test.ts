import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './csp.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME_DEFINITION,
  createAppProtocolHandler,
  mimeType,
  resolveAppPath,
} from './protocol.ts';

const root = '/srv/layerloom/dist/renderer';

describe('resolveAppPath', () => {
  it.each([
    ['app://layerloom/', '/srv/layerloom/dist/renderer/index.html'],
    ['app://layerloom/index.html', '/srv/layerloom/dist/renderer/index.html'],
    ['app://layerloom/assets/index-abc.js', '/srv/layerloom/dist/renderer/assets/index-abc.js'],
    ['app://layerloom/assets/a%20b.css', '/srv/layerloom/dist/renderer/assets/a b.css'],
    ['app://layerloom/index.html?x=1#y', '/srv/layerloom/dist/renderer/index.html'],
  ])('maps %s inside root', (url, expected) => {
    expect(resolveAppPath(root, url)).toBe(expected);
  });

  it.each([
    'app://layerloom/..%2f..%2fetc/passwd',
    'app://layerloom/assets/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://layerloom/%2e%2e%2f%2e%2e%2fsecret',
    'app://layerloom/assets/%2e%2e%5c%2e%2e%5csecret',
    'app://layerloom/assets\\..\\..\\secret',
    'app://layerloom/..%5c..%5csecret',
    'app://layerloom//etc/passwd',
    'app://layerloom/%2fetc%2fpasswd',
    'app://layerloom/C:%5cWindows%5cwin.ini',
    'app://layerloom/c:/Windows/win.ini',
    'app://layerloom/index.html%00.png',
    'app://layerloom/%E0%A4%A',
    'app://other-host/index.html',
    'app://layerloom.evil/index.html',
    'app://user@layerloom/index.html',
    'file:///srv/layerloom/dist/renderer/index.html',
    'https://layerloom/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });

  it('keeps URL-normalised dot segments inside root', () => {
    // The URL parser folds literal "/../" away before we see it, so it can never climb above root.
    expect(resolveAppPath(root, 'app://layerloom/assets/../../../etc/passwd')).toBe(
      '/srv/layerloom/dist/renderer/etc/passwd',
    );
    expect(resolveAppPath(root, 'app://layerloom/%2e/index.html')).toBe(
      '/srv/layerloom/dist/renderer/index.html',
    );
  });

  it('never returns a path outside root for any single-segment name', () => {
    for (const name of ['..', '.', '...', '%2e%2e', '%2E%2E', '.%2e', '%2e.']) {
      const resolved = resolveAppPath(root, `app://layerloom/${name}/x`);
      if (resolved !== null) expect(resolved.startsWith(root + path.sep)).toBe(true);
    }
  });
});

describe('mimeType', () => {
  it.each([
    ['/a/index.html', 'text/html; charset=utf-8'],
    ['/a/x.JS', 'text/javascript; charset=utf-8'],
    ['/a/x.css', 'text/css; charset=utf-8'],
    ['/a/x.wasm', 'application/wasm'],
    ['/a/x.bin', 'application/octet-stream'],
    ['/a/noext', 'application/octet-stream'],
  ])('%s → %s', (file, type) => {
    expect(mimeType(file)).toBe(type);
  });
});

describe('APP_SCHEME_DEFINITION', () => {
  it('is a standard, secure scheme named app', () => {
    expect(APP_SCHEME_DEFINITION.scheme).toBe('app');
    expect(APP_SCHEME_DEFINITION.privileges?.standard).toBe(true);
    expect(APP_SCHEME_DEFINITION.privileges?.secure).toBe(true);
    expect(APP_ENTRY_URL).toBe('app://layerloom/index.html');
  });
});

describe('createAppProtocolHandler', () => {
  const files = new Map<string, string>([
    [path.join(root, 'index.html'), '<!doctype html><title>Layerloom</title>'],
    [path.join(root, 'assets', 'app.js'), 'console.log(1)'],
  ]);
  const reads: string[] = [];
  const handler = createAppProtocolHandler(root, async (p) => {
    reads.push(p);
    const text = files.get(p);
    if (text === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
    return new TextEncoder().encode(text);
  });

  it('serves index.html with its type and the CSP', async () => {
    const res = await handler(new Request('app://layerloom/'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('<!doctype html><title>Layerloom</title>');
  });

  it('serves a script as JavaScript', async () => {
    const res = await handler(new Request('app://layerloom/assets/app.js'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 for a missing file, still with the CSP', async () => {
    const res = await handler(new Request('app://layerloom/missing.js'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers 404 for traversal without reading the file system', async () => {
    reads.length = 0;
    const res = await handler(new Request('app://layerloom/..%2f..%2f..%2fetc%2fpasswd'));
    expect(res.status).toBe(404);
    expect(reads).toEqual([]);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const res = await handler(new Request('app://layerloom/', { method: 'POST', body: 'x' }));
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
  });

  it('sends no body for HEAD', async () => {
    const res = await handler(new Request('app://layerloom/index.html', { method: 'HEAD' }));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
