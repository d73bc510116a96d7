// Starts a data parse worker for one import and turns its events into a promise with progress and
// cancel. Cancelling terminates the worker at once, whatever it is doing (even mid-parse).
import { LoomError } from '../../../engine/errors.ts';
import {
  fromWireError,
  type ParseEvent,
  type ParseRequest,
  type ParsedFile,
} from './parseProtocol.ts';

/** The part of a Worker the client uses (a fake in tests). */
export interface WorkerLike {
  postMessage(message: ParseRequest): void;
  terminate(): void;
  onmessage: ((e: MessageEvent<ParseEvent>) => void) | null;
  onerror: ((e: ErrorEvent) => void) | null;
}

/** Progress of an import, for the UI: the worker's progress event without its tag. */
export type ParseProgress = Omit<Extract<ParseEvent, { type: 'progress' }>, 'type'>;

/** A running import: resolves with the parsed files, or null when cancelled; rejects with a LoomError. */
export interface ParseJob {
  result: Promise<ParsedFile[] | null>;
  cancel(): void;
}

/** A new module worker running dataWorker.ts (bundled by Vite as its own asset). */
export function startDataWorker(): WorkerLike {
  return new Worker(new URL('./dataWorker.ts', import.meta.url), {
    type: 'module',
    name: 'layerloom-data',
  }) as unknown as WorkerLike;
}

/** Parses `files` in a fresh worker; the worker is terminated when the job ends either way. */
export function parseFiles(
  files: File[],
  onProgress: (p: ParseProgress) => void,
  start: () => WorkerLike = startDataWorker,
): ParseJob {
  let worker: WorkerLike | null = null;
  let settle: ((v: ParsedFile[] | null) => void) | null = null;
  const result = new Promise<ParsedFile[] | null>((resolve, reject) => {
    const finish = () => {
      worker?.terminate();
      worker = null;
      settle = null;
    };
    settle = (v) => {
      finish();
      resolve(v);
    };
    const fail = (e: LoomError) => {
      finish();
      reject(e);
    };
    try {
      worker = start();
    } catch (e) {
      fail(failed(e instanceof Error ? e.message : String(e)));
      return;
    }
    worker.onmessage = (e) => {
      const ev = e.data;
      if (ev.type === 'progress') onProgress(ev);
      else if (ev.type === 'done') settle?.(ev.files);
      else fail(fromWireError(ev.error));
    };
    worker.onerror = (e) => {
      e.preventDefault?.();
      fail(failed(e.message || 'the worker stopped'));
    };
    worker.postMessage({ type: 'parse', files });
  });
  return { result, cancel: () => settle?.(null) };
}

function failed(reason: string): LoomError {
  return new LoomError(
    'worker/failed',
    `the data reader could not run (${reason})`,
    {},
    'Reload the app and import the file again.',
  );
}
