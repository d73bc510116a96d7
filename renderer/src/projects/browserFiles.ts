// ProjectFiles in a plain browser: the File System Access API where the browser has it (save in
// place), otherwise an <input type=file> upload to open and an <a download> to save.
import type { ExportFormat } from '../../../engine/export/index.ts';
import {
  IMPORT_EXTENSIONS,
  loomFileName,
  type OpenedFile,
  type PickedFile,
  type ProjectFiles,
  type SavedFile,
} from './files.ts';

// The File System Access API is not in TypeScript's DOM library yet; these are the parts used.
interface WritableFile {
  write(data: string | Uint8Array): Promise<void>;
  close(): Promise<void>;
}
interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  createWritable(): Promise<WritableFile>;
}
interface PickerType {
  description: string;
  accept: Record<string, string[]>;
}
interface FileSystemAccess {
  showOpenFilePicker(opts: { types: PickerType[]; multiple: boolean }): Promise<FileHandle[]>;
  showSaveFilePicker(opts: { types: PickerType[]; suggestedName: string }): Promise<FileHandle>;
}

const LOOM_TYPE: PickerType = {
  description: 'Layerloom project',
  accept: { 'application/json': ['.loom'] },
};

/** The save-picker type of each export format (its MIME type and last extension). */
const EXPORT_TYPES: Record<ExportFormat, PickerType> = {
  json: { description: 'JSON weights', accept: { 'application/json': ['.json'] } },
  safetensors: {
    description: 'safetensors weights',
    accept: { 'application/octet-stream': ['.safetensors'] },
  },
  npz: { description: 'NumPy archive', accept: { 'application/octet-stream': ['.npz'] } },
  tfjs: { description: 'TensorFlow.js model (zip)', accept: { 'application/zip': ['.zip'] } },
  keras: { description: 'Keras model', accept: { 'application/octet-stream': ['.keras'] } },
  python: { description: 'Python script', accept: { 'text/x-python': ['.py'] } },
};

function fileSystemAccess(): FileSystemAccess | null {
  const w = window as unknown as Partial<FileSystemAccess>;
  return typeof w.showOpenFilePicker === 'function' && typeof w.showSaveFilePicker === 'function'
    ? (w as FileSystemAccess)
    : null;
}

function isFileHandle(h: unknown): h is FileHandle {
  return typeof h === 'object' && h !== null && (h as FileHandle).kind === 'file';
}

/** Whether a picker promise was rejected because the user cancelled. */
function isAbort(e: unknown): boolean {
  return e instanceof DOMException && e.name === 'AbortError';
}

async function writeHandle(handle: FileHandle, text: string | Uint8Array): Promise<SavedFile> {
  const writable = await handle.createWritable();
  await writable.write(text);
  await writable.close();
  return { name: handle.name, handle };
}

/** Asks for files with a hidden <input type=file>; resolves [] when the picker is cancelled. */
function uploadFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.style.display = 'none';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => done([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Saves through the browser's downloads (the file cannot be written again in place). */
function downloadFile(
  data: string | Uint8Array,
  name: string,
  type = 'application/json',
): SavedFile {
  // A copy into a plain ArrayBuffer: Blob parts may not be views of a SharedArrayBuffer.
  const part = typeof data === 'string' ? data : new Uint8Array(data);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has started from the click; revoking later keeps slow browsers from losing it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, handle: null };
}

/** The browser implementation of ProjectFiles. */
export function browserFiles(): ProjectFiles {
  return {
    async open(): Promise<OpenedFile | null> {
      const fsa = fileSystemAccess();
      if (fsa) {
        try {
          const [handle] = await fsa.showOpenFilePicker({ types: [LOOM_TYPE], multiple: false });
          const file = await handle.getFile();
          return { name: file.name, text: await file.text(), handle };
        } catch (e) {
          if (isAbort(e)) return null;
          throw e;
        }
      }
      const [file] = await uploadFiles('.loom,application/json', false);
      return file ? { name: file.name, text: await file.text(), handle: null } : null;
    },
    async save(text, name, handle) {
      if (isFileHandle(handle)) return writeHandle(handle, text);
      return this.saveAs(text, name);
    },
    async saveAs(text, name) {
      const suggestedName = loomFileName(name);
      const fsa = fileSystemAccess();
      if (!fsa) return downloadFile(text, suggestedName);
      try {
        const handle = await fsa.showSaveFilePicker({ types: [LOOM_TYPE], suggestedName });
        return await writeHandle(handle, text);
      } catch (e) {
        if (isAbort(e)) return null;
        throw e;
      }
    },
    async exportBytes(name, bytes, format) {
      const type = EXPORT_TYPES[format];
      const fsa = fileSystemAccess();
      if (fsa) {
        try {
          const handle = await fsa.showSaveFilePicker({ types: [type], suggestedName: name });
          return { name: (await writeHandle(handle, bytes)).name };
        } catch (e) {
          if (isAbort(e)) return null;
          // A slow export can outlast the click's user activation, which the picker needs; a
          // download does not need it.
          if (!(e instanceof DOMException && /Security|NotAllowed/.test(e.name))) throw e;
        }
      }
      return { name: downloadFile(bytes, name, Object.keys(type.accept)[0]).name };
    },
    async importFiles(accept) {
      const files = await uploadFiles(IMPORT_EXTENSIONS[accept].join(','), accept !== 'weights');
      if (files.length === 0) return null;
      return Promise.all(
        files.map(async (f): Promise<PickedFile> => ({
          name: f.name,
          bytes: new Uint8Array(await f.arrayBuffer()),
        })),
      );
    },
  };
}
