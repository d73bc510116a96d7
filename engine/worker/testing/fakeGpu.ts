// A stand-in WebGL provider for Node tests: it computes with the CPU kernels but can lose its
// "context" on a chosen run (after which every read returns finite garbage, as a lost GL context
// can) or add an error to every result (a wrong driver). Opening again gives a fresh context.
import { cpuBackend } from '../../backends/cpu/executor.ts';
import type { Executor } from '../../backends/types.ts';
import type { BackendProvider } from '../providers.ts';

export interface FakeGpuOptions {
  /** Lose the context during this (1-based, counted over all contexts) run. */
  loseOnRun?: number;
  /** Lose the context just before this (1-based, over all contexts) read, which gets garbage. */
  loseOnRead?: number;
  /** Added to every value read: a GPU that computes wrongly. */
  bias?: number;
  /** open() fails after this many successful opens. */
  maxOpens?: number;
}

/** A fake WebGL provider and counters to assert on. */
export function fakeGpu(opts: FakeGpuOptions = {}) {
  const stats = { opens: 0, runs: 0, reads: 0, garbageReads: 0, disposed: 0 };
  const provider: BackendProvider = {
    name: 'webgl',
    open() {
      if (opts.maxOpens !== undefined && stats.opens >= opts.maxOpens)
        return { ok: false, reason: 'the GPU process is gone' };
      stats.opens++;
      let lost = false;
      const garbage = (n: number) => new Float32Array(n).fill(123.5);
      return {
        ok: true,
        handle: {
          backend: {
            name: 'webgl',
            createExecutor(program) {
              if (lost) throw new Error('context lost');
              const inner: Executor = cpuBackend.createExecutor(program);
              return {
                feed: (k) => inner.feed(k),
                bindParam: (k, d) => inner.bindParam(k, d),
                memory: () => inner.memory(),
                run() {
                  stats.runs++;
                  if (stats.runs === opts.loseOnRun) lost = true;
                  if (!lost) inner.run();
                },
                read(id) {
                  stats.reads++;
                  const v = inner.read(id);
                  if (stats.reads === opts.loseOnRead) lost = true;
                  if (lost) {
                    stats.garbageReads++;
                    return garbage(v.length);
                  }
                  return opts.bias ? v.map((x) => x + opts.bias!) : v;
                },
              };
            },
          },
          lost: () => lost,
          loseContext() {
            lost = true;
            return true;
          },
          dispose() {
            stats.disposed++;
          },
        },
      };
    },
  };
  return { provider, stats };
}
