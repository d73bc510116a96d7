import { describe, expect, it } from 'vitest';
import { builtinDatasets } from '../../../engine/data/builtin.ts';
import { summarizeDataset } from '../../../engine/data/preview.ts';
import { LoomError } from '../../../engine/errors.ts';
import { parseFiles, type ParseProgress, type WorkerLike } from './parseClient.ts';
import {
  fromWireError,
  toWireError,
  transferList,
  type ParseEvent,
  type ParseRequest,
  type ParsedFile,
} from './parseProtocol.ts';

/** A worker stand-in: records requests, lets the test emit events, counts terminations. */
class FakeWorker implements WorkerLike {
  requests: ParseRequest[] = [];
  terminated = 0;
  onmessage: ((e: MessageEvent<ParseEvent>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ParseRequest) {
    this.requests.push(m);
  }
  terminate() {
    this.terminated++;
  }
  emit(ev: ParseEvent) {
    this.onmessage?.({ data: ev } as MessageEvent<ParseEvent>);
  }
}

const file = (name: string) => new File(['a,b\n1,2\n'], name);
const parsed = (): ParsedFile => {
  const dataset = builtinDatasets['two-tower-sample'];
  return { name: 'x.npz', size: 10, dataset, summary: summarizeDataset(dataset) };
};

describe('parseFiles', () => {
  it('sends the files, reports progress and resolves with the parsed files', async () => {
    const w = new FakeWorker();
    const progress: ParseProgress[] = [];
    const job = parseFiles(
      [file('a.csv')],
      (p) => progress.push(p),
      () => w,
    );
    expect(w.requests[0].files.map((f) => f.name)).toEqual(['a.csv']);
    const p = { file: 'a.csv', index: 0, count: 1, loaded: 5, total: 10 };
    w.emit({ type: 'progress', phase: 'reading', ...p });
    const done = parsed();
    w.emit({ type: 'done', files: [done] });
    await expect(job.result).resolves.toEqual([done]);
    expect(progress).toEqual([{ type: 'progress', phase: 'reading', ...p }]);
    expect(w.terminated).toBe(1);
  });

  it('rejects with the LoomError the worker reported, file, row and column kept', async () => {
    const w = new FakeWorker();
    const job = parseFiles(
      [file('bad.csv')],
      () => {},
      () => w,
    );
    const error = new LoomError(
      'data/csv',
      "text 'x' in a numeric column",
      { file: 'bad.csv', row: 3, column: 'b' },
      'Fix the cell.',
    );
    w.emit({ type: 'error', file: 'bad.csv', error: toWireError(error, 'bad.csv') });
    const e = await job.result.catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LoomError);
    expect((e as LoomError).message).toBe(error.message);
    expect((e as LoomError).where).toEqual({ file: 'bad.csv', row: 3, column: 'b' });
    expect(w.terminated).toBe(1);
  });

  it('cancels by terminating the worker and resolving null; later events are ignored', async () => {
    const w = new FakeWorker();
    const job = parseFiles(
      [file('big.npy')],
      () => {},
      () => w,
    );
    job.cancel();
    await expect(job.result).resolves.toBeNull();
    expect(w.terminated).toBe(1);
    w.emit({ type: 'done', files: [parsed()] });
    job.cancel();
    expect(w.terminated).toBe(1);
  });

  it('turns a crashed or unstartable worker into a worker/failed error', async () => {
    const w = new FakeWorker();
    const job = parseFiles(
      [file('a.csv')],
      () => {},
      () => w,
    );
    w.onerror?.({ message: 'boom' } as ErrorEvent);
    await expect(job.result).rejects.toMatchObject({ code: 'worker/failed' });
    const none = parseFiles(
      [file('a.csv')],
      () => {},
      () => {
        throw new Error('no workers here');
      },
    );
    await expect(none.result).rejects.toThrow(/no workers here/);
  });
});

describe('parseProtocol', () => {
  it('round-trips LoomErrors and wraps other errors naming the file', () => {
    const e = new LoomError('data/idx', 'bad header', { file: 'f', offset: 4 }, 'Download again.');
    expect(fromWireError(toWireError(e, 'f')).message).toBe(e.message);
    const other = fromWireError(toWireError(new RangeError('Array buffer allocation failed'), 'g'));
    expect(other.code).toBe('internal');
    expect(other.message).toBe(
      'the file is too big to load (Array buffer allocation failed) (file g). Use a smaller file or a sample of the data.',
    );
  });

  it('lists each buffer to transfer once', () => {
    const shared = new Float32Array(8);
    const f = parsed();
    const dataset = {
      ...f.dataset,
      arrays: {
        a: { shape: [4], data: shared.subarray(0, 4) },
        b: { shape: [4], data: shared.subarray(4) },
      },
    };
    expect(transferList([{ ...f, dataset }])).toEqual([shared.buffer]);
  });
});
