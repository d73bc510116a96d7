// Which URLs the app's own windows may navigate to: the app:// origin and nothing else. Pure, so
// the decision is unit-tested against hostile URLs; main.ts only wires it to Electron events.
import { APP_HOST, APP_SCHEME } from './protocol.ts';

/** True only for URLs on exactly app://layerloom (no credentials, no port, no other host). */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === `${APP_SCHEME}:` &&
    url.host === APP_HOST &&
    url.hostname === APP_HOST &&
    url.port === '' &&
    url.username === '' &&
    url.password === ''
  );
}

/** Whether a window or frame may navigate to `url`; everything off the app origin is denied. */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}
