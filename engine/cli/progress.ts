// Keras-style progress output: "Epoch 1/5", then "8/8 ━━━━━━━━━━━━━━━━━━━━ 0s 3ms/step - loss: …".

const BAR = 20;

/** Formats a log value as Keras does (4 decimals, scientific for tiny values). */
export function formatLogValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  return Math.abs(v) < 1e-3 && v !== 0 ? v.toExponential(4) : v.toFixed(4);
}

/** Orders logs as "loss, metrics…, val_loss, val_metrics…" and renders "k: v - k: v". */
export function formatLogs(logs: Readonly<Record<string, number>>): string {
  const keys = Object.keys(logs);
  const rank = (k: string) => (k.startsWith('val_') ? 2 : 0) + (k.endsWith('loss') ? 0 : 1);
  keys.sort((a, b) => rank(a) - rank(b));
  return keys.map((k) => `${k}: ${formatLogValue(logs[k])}`).join(' - ');
}

function formatDuration(seconds: number): string {
  return seconds < 60
    ? `${Math.round(seconds)}s`
    : `${Math.floor(seconds / 60)}m ${Math.round(seconds % 60)}s`;
}

function formatPerStep(seconds: number): string {
  if (seconds >= 1) return `${Math.round(seconds)}s/step`;
  if (seconds >= 1e-3) return `${Math.round(seconds * 1e3)}ms/step`;
  return `${Math.round(seconds * 1e6)}us/step`;
}

/** One progress line for `done` of `total` batches after `elapsed` seconds. */
export function progressLine(
  done: number,
  total: number,
  elapsed: number,
  logs: Readonly<Record<string, number>>,
): string {
  const filled = Math.round((done / total) * BAR);
  const bar = '━'.repeat(filled) + (filled < BAR ? '─'.repeat(BAR - filled) : '');
  const w = String(total).length;
  const timing =
    done === total
      ? `${formatDuration(elapsed)} ${formatPerStep(elapsed / done)}`
      : `${formatDuration((elapsed / done) * (total - done))} ${formatPerStep(elapsed / done)}`;
  const text = formatLogs(logs);
  return `${String(done).padStart(w)}/${total} ${bar} ${timing}${text ? ` - ${text}` : ''}`;
}
