// The data parse Web Worker: reads imported files (with progress), parses them with the engine's
// readers and summarises them (preview rows, statistics, thumbnails) off the UI thread, then
// transfers the arrays to the page. One worker per import; the page terminates it to cancel.
import '../shell/zodConfig.ts';
import { readDatasetFile } from '../../../engine/data/index.ts';
import { summarizeDataset } from '../../../engine/data/preview.ts';
import {
  toWireError,
  transferList,
  type ParseEvent,
  type ParsePhase,
  type ParseRequest,
  type ParsedFile,
} from './parseProtocol.ts';

interface Scope {
  postMessage(message: ParseEvent, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ParseRequest>) => void): void;
}
const scope = self as unknown as Scope;

/** Reads a File into bytes, reporting progress at most every 1% of its size. */
async function readBytes(file: File, report: (loaded: number) => void): Promise<Uint8Array> {
  let bytes = new Uint8Array(file.size);
  let loaded = 0;
  let reported = 0;
  const reader = file.stream().getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (loaded + value.length > bytes.length) {
      const grown = new Uint8Array(Math.max(bytes.length * 2, loaded + value.length));
      grown.set(bytes.subarray(0, loaded));
      bytes = grown;
    }
    bytes.set(value, loaded);
    loaded += value.length;
    if (loaded - reported >= file.size / 100) {
      reported = loaded;
      report(loaded);
    }
  }
  return bytes.subarray(0, loaded);
}

async function parse(files: File[]): Promise<void> {
  const out: ParsedFile[] = [];
  for (let index = 0; index < files.length; index++) {
    const file = files[index];
    const progress = (phase: ParsePhase, loaded = file.size) =>
      scope.postMessage({
        type: 'progress',
        file: file.name,
        index,
        count: files.length,
        phase,
        loaded,
        total: file.size,
      });
    try {
      progress('reading', 0);
      const bytes = await readBytes(file, (loaded) => progress('reading', loaded));
      progress('parsing');
      const dataset = readDatasetFile(file.name, bytes);
      progress('summarising');
      out.push({ name: file.name, size: file.size, dataset, summary: summarizeDataset(dataset) });
    } catch (e) {
      scope.postMessage({ type: 'error', file: file.name, error: toWireError(e, file.name) });
      return;
    }
  }
  scope.postMessage({ type: 'done', files: out }, transferList(out));
}

scope.addEventListener('message', (e) => {
  if (e.data?.type === 'parse') void parse(e.data.files);
});
