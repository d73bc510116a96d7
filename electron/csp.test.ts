import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, securityHeaders } from './csp.ts';

describe('CONTENT_SECURITY_POLICY', () => {
  it('is exactly the strict policy from the design', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
        "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; object-src 'none'; " +
        "base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it('never allows inline or evaluated scripts (WebAssembly compilation only)', () => {
    const script = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src '));
    expect(script).toBe("script-src 'self' 'wasm-unsafe-eval'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|\*/);
    expect(script).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  });

  it('declares every directive once', () => {
    const names = CONTENT_SECURITY_POLICY.split('; ').map((d) => d.split(' ')[0]);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('securityHeaders', () => {
  it('carries the CSP and nosniff', () => {
    const h = securityHeaders();
    expect(h['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(h['X-Content-Type-Options']).toBe('nosniff');
  });
});
