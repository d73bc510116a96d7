// Yielding to the event loop between training steps, so pause and step requests are handled
// after at most one step: setImmediate in Node, a MessageChannel round trip in a worker (which,
// unlike setTimeout, is not clamped to 4 ms).
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/** Resolves after pending messages had their turn (a macrotask, without setTimeout's clamping). */
export function yieldToEvents(): Promise<void> {
  const g = globalThis as { setImmediate?: (f: () => void) => void };
  if (g.setImmediate) return new Promise((resolve) => g.setImmediate!(resolve));
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel!.port2.postMessage(null);
  });
}
