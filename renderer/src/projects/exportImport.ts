// Export and import from the app: the toolbar menus and the desktop menu call exportAs,
// importModel and importWeightsFile. Bytes come from the engine's exporters/importers; where they
// go (download, save dialog) is ProjectFiles' business. A failed import leaves the project as it
// was; a weights import is one undo step.
import { unzipSync, zipSync } from 'fflate';
import type { Project } from '../../../engine/document/schema.ts';
import { errorMessage, isLoomError, LoomError } from '../../../engine/errors.ts';
import {
  EXPORT_EXTENSIONS,
  exportProject,
  type ExportFormat,
  type ExportOutput,
} from '../../../engine/export/index.ts';
import type { Inference } from '../../../engine/graph/infer.ts';
import type { ImportReport } from '../../../engine/import/index.ts';
import { messageModal } from '../shell/modal.ts';
import { createStore, useStore } from '../state/createStore.ts';
import { actions, getState, inferenceOf } from '../state/store.ts';
import { projectFiles } from './desktopFiles.ts';
import { loomFileName, type ImportAccept, type PickedFile, type ProjectFiles } from './files.ts';
import { confirmDiscard } from './projectActions.ts';
import { recoveryStore } from './recovery.ts';

/** The Export menu's items, in menu order. */
export const EXPORT_ITEMS: readonly { format: ExportFormat; label: string; hint: string }[] = [
  { format: 'json', label: 'JSON weights', hint: 'Layerloom weights as JSON (.weights.json)' },
  { format: 'safetensors', label: 'safetensors', hint: 'Named float32 tensors (.safetensors)' },
  { format: 'npz', label: 'NumPy .npz', hint: 'One .npy array per weight (.npz)' },
  {
    format: 'tfjs',
    label: 'TensorFlow.js (.zip)',
    hint: 'model.json and its weight shards, zipped into one file',
  },
  { format: 'keras', label: 'Keras .keras', hint: 'A Keras 3 model archive (.keras)' },
  { format: 'python', label: 'Python script', hint: 'A Keras training script (.py)' },
];

/** A file name stem from a project name: no folders or characters file systems refuse. */
export function fileStem(projectName: string): string {
  // eslint-disable-next-line no-control-regex
  const stem = projectName.trim().replace(/[\u0000-\u001f\\/:*?"<>|]+/g, '_');
  return stem.replace(/^\.+/, '') || 'model';
}

/** The suggested file name of an export, e.g. 'two_tower.safetensors' or 'two_tower.tfjs.zip'. */
export function exportFileName(projectName: string, format: ExportFormat): string {
  return fileStem(projectName) + (format === 'tfjs' ? '.tfjs.zip' : EXPORT_EXTENSIONS[format]);
}

/** Why the open project cannot be exported, or null when it can. */
export function exportBlocker(doc: Project, inference: Inference): string | null {
  if (doc.nodes.length === 0) return 'The project has no layers to export.';
  const error = inference.diagnostics.find((d) => d.severity === 'error');
  if (error) return `Fix the model first: ${error.message}`;
  if (!inference.valid || !inference.summary) return 'Fix the model first: it is not valid.';
  return null;
}

/** One file's bytes for an export: a folder (TF.js) becomes one zip, since a browser saves one file. */
export function exportBytes(output: ExportOutput): Uint8Array {
  if (output.kind === 'file') return output.bytes;
  return zipSync(Object.fromEntries(output.files), { level: 6 });
}

/** Exports a project as one file: its name and bytes. */
export async function exportFile(
  doc: Project,
  format: ExportFormat,
  date = new Date(),
): Promise<{ name: string; bytes: Uint8Array }> {
  const name = exportFileName(doc.name, format);
  const output = await exportProject(doc, format, { stem: fileStem(doc.name), date });
  return { name, bytes: exportBytes(output) };
}

const MODEL_FIX =
  'Choose a TensorFlow.js model.json together with its .bin shards, a .zip of them, or a .keras file.';

// Loaded on first import: the importers bring h5wasm (HDF5 in WebAssembly) for .keras files.
const importers = () => import('../../../engine/import/index.ts');

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b;

/** Reads a model from picked files: a .keras archive, a .zip of a TF.js model, or model.json + shards. */
export async function readModel(
  files: readonly PickedFile[],
): Promise<{ project: Project; report: ImportReport }> {
  if (files.length === 1 && isZip(files[0].bytes)) return readZip(files[0]);
  const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
  if (jsons.length !== 1)
    throw new LoomError(
      'import/model',
      jsons.length === 0
        ? 'no model.json among the chosen files'
        : `${jsons.length} JSON files were chosen (${jsons.map((f) => f.name).join(', ')}); a model has one`,
      { file: files.map((f) => f.name).join(', ') },
      MODEL_FIX,
    );
  const shards = new Map(files.filter((f) => f !== jsons[0]).map((f) => [f.name, f.bytes]));
  return (await importers()).importTfjsModel(jsons[0].bytes, shards, jsons[0].name);
}

/** A zip is a .keras archive when it has Keras's config.json, else a zipped TF.js model. */
async function readZip(file: PickedFile): Promise<{ project: Project; report: ImportReport }> {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(file.bytes);
  } catch (e) {
    throw new LoomError(
      'import/model',
      `the zip archive cannot be read (${e instanceof Error ? e.message : String(e)})`,
      { file: file.name },
      MODEL_FIX,
    );
  }
  if ('config.json' in entries && !Object.keys(entries).some((n) => baseName(n) === 'model.json'))
    return (await importers()).importKerasArchive(file.bytes, file.name);
  const models = Object.keys(entries).filter((n) => baseName(n) === 'model.json');
  if (models.length !== 1)
    throw new LoomError(
      'import/model',
      models.length === 0
        ? 'the zip archive has no model.json'
        : 'the zip archive has more than one model.json',
      { file: file.name },
      'Zip one TensorFlow.js model: its model.json and the .bin shards it lists.',
    );
  const shards = new Map<string, Uint8Array>();
  for (const [path, bytes] of Object.entries(entries))
    if (path !== models[0] && !path.endsWith('/')) shards.set(baseName(path), bytes);
  return (await importers()).importTfjsModel(
    entries[models[0]],
    shards,
    `${file.name}/${models[0]}`,
  );
}

/** Loads a weights file into `doc`: the new weights and a one-line report, or a LoomError. */
export async function readWeightsInto(
  doc: Project,
  file: PickedFile,
): Promise<{ weights: Project['weights']; report: string }> {
  const { project, report } = (await importers()).importWeights(doc, file.bytes, file.name);
  const n = report.loaded.length;
  return {
    weights: project.weights,
    report: `Loaded ${n} tensor${n === 1 ? '' : 's'} from ${file.name} into ${doc.name}.`,
  };
}

/** A short text for the toolbar while an export or import runs, and after it. */
interface TransferState {
  busy: 'export' | 'import' | null;
  status: string | null;
}

const transfer = createStore<TransferState>({ busy: null, status: null });
let clearTimer: ReturnType<typeof setTimeout> | undefined;

function setTransfer(next: TransferState, clearAfterMs = 0): void {
  clearTimeout(clearTimer);
  if (clearAfterMs > 0)
    clearTimer = setTimeout(() => setTransfer({ busy: null, status: null }), clearAfterMs);
  transfer.set(next);
}

/** Whether an export or import is running, and the status line to show. */
export function useTransfer(): TransferState {
  return useStore(transfer);
}

/** The transfer state now (for tests and non-React callers). */
export function transferState(): TransferState {
  return transfer.get();
}

/** Lets the browser paint the busy state before a long synchronous export blocks the thread. */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 16));
}

/** errorMessage, with what to do when the .keras reader's WebAssembly could not start. */
function errorText(e: unknown): string {
  if (e instanceof Error && !isLoomError(e) && /WebAssembly/.test(e.message))
    return (
      `Keras .keras files need WebAssembly (HDF5), which this window could not start: ${e.message} ` +
      'Export safetensors, NumPy or TensorFlow.js instead, or run `layerloom export --format keras`.'
    );
  return errorMessage(e);
}

/** Runs one transfer at a time; `task` returns the status line to show once done (or null). */
async function run(
  kind: 'export' | 'import',
  busyText: string,
  failTitle: string,
  task: () => Promise<string | null>,
): Promise<void> {
  if (transfer.get().busy) return;
  setTransfer({ busy: kind, status: busyText });
  try {
    await nextPaint();
    const status = await task();
    setTransfer({ busy: null, status }, 4000);
  } catch (e) {
    setTransfer({ busy: null, status: null });
    messageModal(failTitle, errorText(e));
  }
}

const filesOrDefault = (files?: ProjectFiles) => files ?? projectFiles();

/** Export ▸ format: writes the open project in `format` where the user says. */
export async function exportAs(format: ExportFormat, files?: ProjectFiles): Promise<void> {
  const doc = getState().history.present;
  const name = exportFileName(doc.name, format);
  const blocker = exportBlocker(doc, inferenceOf(doc));
  if (blocker) {
    messageModal(`Could not export ${name}`, blocker);
    return;
  }
  await run('export', `Exporting ${name}…`, `Could not export ${name}`, async () => {
    const out = await exportFile(doc, format);
    const saved = await filesOrDefault(files).exportBytes(out.name, out.bytes, format);
    return saved ? `Exported ${saved.name}` : null;
  });
}

/** Whether picked files are a model (else a weights file): by name, then by content. */
export function isModelImport(files: readonly PickedFile[]): boolean {
  if (files.length !== 1) return true;
  const { name, bytes } = files[0];
  const lower = name.toLowerCase();
  if (/\.(keras|zip|bin)$/.test(lower)) return true;
  if (/\.(safetensors|npz)$/.test(lower)) return false;
  if (lower.endsWith('.json'))
    return new TextDecoder().decode(bytes.subarray(0, 4096)).includes('"modelTopology"');
  return false;
}

/** Import ▸ Model: after the unsaved-changes check, opens a model as a new project. */
export async function importModel(files?: ProjectFiles): Promise<void> {
  if (!(await confirmDiscard('Import a model'))) return;
  const picked = await pick(files, 'model');
  if (picked) await loadModel(picked);
}

/** The desktop menu's Import…: one dialog; a model opens as a new project, weights load in place. */
export async function importAny(files?: ProjectFiles): Promise<void> {
  const picked = await pick(files, 'any');
  if (!picked) return;
  if (!isModelImport(picked)) await loadWeights(picked[0]);
  else if (await confirmDiscard('Import a model')) await loadModel(picked);
}

async function loadModel(picked: PickedFile[]): Promise<void> {
  const label = picked.map((f) => f.name).join(', ');
  await run('import', `Importing ${label}…`, `Could not import ${label}`, async () => {
    const { project, report } = await readModel(picked);
    actions.load(project, loomFileName(project.name), null);
    recoveryStore().clear();
    return `Imported ${project.name} (${report.loaded.length} tensors)`;
  });
}

/** Import ▸ Weights: loads a weights file into the open project by tensor name, as one undo step. */
export async function importWeightsFile(files?: ProjectFiles): Promise<void> {
  const picked = await pick(files, 'weights');
  if (picked) await loadWeights(picked[0]);
}

async function loadWeights(file: PickedFile): Promise<void> {
  await run('import', `Importing ${file.name}…`, `Could not import ${file.name}`, async () => {
    const doc = getState().history.present;
    const { weights, report } = await readWeightsInto(doc, file);
    // An edit made while the file was read would be overwritten: keep the user's edit instead.
    if (getState().history.present !== doc)
      throw new LoomError(
        'import/weights',
        'the project changed while the weights were read',
        { file: file.name },
        'Import the weights again.',
      );
    actions.seal();
    actions.execute({ type: 'setWeights', weights });
    actions.seal();
    messageModal('Weights loaded', report);
    return null;
  });
}

async function pick(
  files: ProjectFiles | undefined,
  accept: ImportAccept,
): Promise<PickedFile[] | null> {
  try {
    return await filesOrDefault(files).importFiles(accept);
  } catch (e) {
    messageModal('Could not read the file', errorText(e));
    return null;
  }
}
