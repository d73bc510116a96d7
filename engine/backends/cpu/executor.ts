// The CPU executor: plans buffers once per program (liveness-based reuse of op outputs), then
// runs the op kernels in order. A run allocates nothing: every tensor view is built at plan time.
import { pinnedIds, type Program } from '../../compile/program.ts';
import { LoomError } from '../../errors.ts';
import { getOp } from '../../ops/registry.ts';
import type { Attrs, OpDef } from '../../ops/types.ts';
import { sizeOf, type Shape, type TensorData } from '../../tensor.ts';
import type { Backend, Executor } from '../types.ts';

interface Step {
  op: OpDef<Attrs>;
  attrs: Attrs;
  inputs: TensorData[];
  out: TensorData;
}

/** A mutable view so bindParam can repoint parameters without rebuilding steps. */
interface View {
  shape: Shape;
  data: Float32Array;
}

class CpuExecutor implements Executor {
  private readonly views = new Map<number, View>();
  private readonly feeds = new Map<string, View>();
  private readonly params = new Map<string, View>();
  private readonly steps: Step[] = [];
  private bytes = 0;
  private buffers = 0;

  constructor(program: Program) {
    const pinned = pinnedIds(program);
    const lastUse = new Map<number, number>();
    program.nodes.forEach((n, i) => {
      if (n.kind === 'op') for (const input of n.inputs) lastUse.set(input, i);
    });
    const free: Float32Array[] = [];
    const owner = new Map<number, Float32Array>();
    const allocate = (size: number): Float32Array => {
      let best = -1;
      for (let i = 0; i < free.length; i++)
        if (free[i].length >= size && (best < 0 || free[i].length < free[best].length)) best = i;
      if (best >= 0) return free.splice(best, 1)[0];
      this.buffers++;
      this.bytes += size * 4;
      return new Float32Array(Math.max(size, 1));
    };
    const own = (size: number): Float32Array => {
      this.buffers++;
      this.bytes += size * 4;
      return new Float32Array(size);
    };

    program.nodes.forEach((n, i) => {
      const size = sizeOf(n.shape);
      if (n.kind === 'input') {
        const v = { shape: n.shape, data: own(size) };
        this.views.set(n.id, v);
        this.feeds.set(n.name, v);
      } else if (n.kind === 'param') {
        const v = { shape: n.shape, data: new Float32Array(size) };
        this.views.set(n.id, v);
        this.params.set(n.name, v);
      } else if (n.kind === 'const') {
        this.views.set(n.id, { shape: n.shape, data: Float32Array.from(n.values) });
      } else {
        const buffer = allocate(size);
        owner.set(n.id, buffer);
        const out = { shape: n.shape, data: buffer.subarray(0, size) };
        this.views.set(n.id, out);
        this.steps.push({
          op: getOp(n.op),
          attrs: n.attrs,
          inputs: n.inputs.map((id) => this.views.get(id)!),
          out,
        });
        // Release inputs whose last reader is this op (after allocating the output: no aliasing).
        for (const id of new Set(n.inputs)) {
          const buf = owner.get(id);
          if (buf && lastUse.get(id) === i && !pinned.has(id)) {
            free.push(buf);
            owner.delete(id);
          }
        }
      }
    });
  }

  feed(key: string): Float32Array {
    const v = this.feeds.get(key);
    if (!v)
      throw new LoomError(
        'internal',
        `the program has no feed '${key}'`,
        {},
        'This is a bug in Layerloom.',
      );
    return v.data;
  }

  bindParam(key: string, data: Float32Array): void {
    const v = this.params.get(key);
    if (!v) return; // parameters a program does not use (e.g. predict without some branch)
    if (data.length !== v.data.length)
      throw new LoomError(
        'weights/mismatch',
        `parameter '${key}' needs ${v.data.length} values, got ${data.length}`,
        { param: key },
        'Re-initialise the weights.',
      );
    v.data = data;
  }

  run(): void {
    for (const s of this.steps) {
      // Kernels may accumulate into reused buffers; start from zero so stale values never leak.
      s.out.data.fill(0);
      s.op.cpu(s.inputs, s.attrs, s.out);
    }
  }

  read(id: number): Float32Array {
    const v = this.views.get(id);
    if (!v)
      throw new LoomError(
        'internal',
        `the program has no value ${id}`,
        {},
        'This is a bug in Layerloom.',
      );
    return v.data;
  }

  memory(): { buffers: number; bytes: number } {
    return { buffers: this.buffers, bytes: this.bytes };
  }
}

/** The CPU reference backend. */
export const cpuBackend: Backend = {
  name: 'cpu',
  createExecutor: (program) => new CpuExecutor(program),
};
