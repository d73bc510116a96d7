// The training worker as the browser tests run it: the real host and WebGL provider, plus one
// test-only message, 'test:loseContext', that forces WEBGL_lose_context on the active context.
import '../zodConfig.ts';
import { SessionHost, type HostPort } from '../host.ts';
import { webglProvider } from '../webglProvider.ts';

const scope = self as unknown as HostPort & {
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
  postMessage(message: unknown): void;
};
const host = new SessionHost(scope, { webgl: webglProvider });
// Violations are reported in a later task, so this listener also sees those of module evaluation.
(self as unknown as EventTarget).addEventListener('securitypolicyviolation', (e) => {
  const v = e as SecurityPolicyViolationEvent;
  scope.postMessage({ type: 'test:csp', violation: `${v.violatedDirective} ${v.blockedURI}` });
});
scope.addEventListener('message', (e) => {
  if ((e.data as { type?: unknown } | null)?.type === 'test:loseContext') {
    scope.postMessage({ type: 'test:lost', ok: host.backend?.active.loseContext() ?? false });
    return;
  }
  host.handle(e.data);
});
