// The Content-Security-Policy and companion headers sent with every app:// response (and by
// `vite preview`, so the e2e tests run the web build under the same policy as the desktop app).

/** CSP directives in the order they are emitted; each value is the full source list. */
export const CSP_DIRECTIVES: ReadonlyArray<readonly [directive: string, sources: string]> = [
  ['default-src', "'self'"],
  // 'wasm-unsafe-eval' lets WebAssembly (h5wasm, for Keras .keras files) compile; JavaScript eval
  // stays forbidden.
  ['script-src', "'self' 'wasm-unsafe-eval'"],
  ['worker-src', "'self' blob:"],
  ['style-src', "'self' 'unsafe-inline'"],
  ['img-src', "'self' data: blob:"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['frame-ancestors', "'none'"],
];

/** The policy as one header value, e.g. "default-src 'self'; script-src 'self'; …". */
export const CONTENT_SECURITY_POLICY = CSP_DIRECTIVES.map(([d, s]) => `${d} ${s}`).join('; ');

/** Headers every app:// response carries, whatever its status. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
