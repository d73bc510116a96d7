import { describe, expect, it } from 'vitest';
import { isAllowedNavigation, isAppUrl } from './navigation.ts';

describe('isAllowedNavigation', () => {
  it.each([
    'app://layerloom/',
    'app://layerloom/index.html',
    'app://layerloom/index.html#/model',
    'app://layerloom/index.html?project=two-tower',
    'app://layerloom',
  ])('allows the app origin: %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(true);
  });

  const hostile = [
    // other origins and schemes
    'https://example.com/',
    'http://localhost:5173/',
    'https://layerloom/',
    'http://layerloom/index.html',
    'file:///etc/passwd',
    'file://layerloom/index.html',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\nscript:alert(1)',
    '\tjavascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'blob:app://layerloom/6f1e2d3c-0000-4000-8000-000000000000',
    'vbscript:msgbox(1)',
    'about:blank',
    'about:srcdoc',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'view-source:app://layerloom/index.html',
    'ws://layerloom/',
    'ftp://layerloom/',
    'mailto:someone@example.com',
    'filesystem:app://layerloom/temporary/x',
    // look-alike hosts and authority tricks on the app scheme
    'app://layerloom.evil/',
    'app://layerloom.evil.com/index.html',
    'app://app.evil/',
    'app://evil/layerloom/index.html',
    'app://other-host/index.html',
    'app://layerloom@evil.com/',
    'app://user:pass@layerloom/',
    'app://layerloom:8080/',
    'app://layerloom./',
    'app://LAYERLOOM.evil/',
    'app://evil.com\\@layerloom/',
    'app://layerloom%2eevil/',
    'app://xn--layerloom-7ya/',
    'app:///index.html',
    'app:layerloom/index.html',
    'app:/layerloom/index.html',
    'apps://layerloom/',
    'xapp://layerloom/',
    '//layerloom/index.html',
    '/index.html',
    'index.html',
    '',
    'not a url',
  ];

  it('is tested against at least 25 hostile URLs', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(25);
  });

  it.each(hostile)('denies %j', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('isAppUrl', () => {
  it('treats a frame URL of the app origin as trusted and anything else as not', () => {
    expect(isAppUrl('app://layerloom/index.html')).toBe(true);
    expect(isAppUrl('https://layerloom/index.html')).toBe(false);
  });
});
