// Keras 3 `.keras` archives: a zip of config.json (the serialised model) and model.weights.h5,
// whose layout keras/src/saving/saving_lib.py defines: layer k of `model.layers` stores its
// variables as datasets 'layers/<snake_case class name>[_n]/vars/<i>' — named by class and repeat
// count, not by the layer's own name — in the layer's weight order (Dense: kernel, bias).
import { unzipSync } from 'fflate';
import type { UnzipFileInfo } from 'fflate';
import { errorMessage, LoomError } from '../errors.ts';
import type { Project } from '../document/schema.ts';
import { mostInflated } from '../data/dataset.ts';
import { kerasLayerDirs } from '../export/kerasH5.ts';
import { inferShapes } from '../graph/infer.ts';
import { decodeUtf8, parseJsonStrict } from './json.ts';
import { openH5 } from './h5.ts';
import { buildProject, withWeights, type ImportReport, type NamedTensor } from './project.ts';
import { readKerasTopology, type ImportedModel } from './topology.ts';

/** Largest config.json and model.weights.h5 accepted, by their declared uncompressed sizes. */
export const MAX_KERAS_CONFIG_BYTES = 64 * 1024 * 1024;
export const MAX_KERAS_WEIGHTS_BYTES = 2 * 1024 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

const FIX = 'Save the model again with model.save("model.keras") (Keras 3).';

/** Imports a `.keras` archive as a project with its weights. */
export async function importKerasArchive(
  bytes: Uint8Array,
  file = 'model.keras',
): Promise<{ project: Project; report: ImportReport }> {
  const { files, names } = readArchive(bytes, file);
  const config = files.get('config.json');
  if (!config) throw new LoomError('import/model', 'the archive has no config.json', { file }, FIX);
  const text = decodeUtf8(config, 'import/model', { file, path: 'config.json' }, FIX);
  const model = readKerasTopology(
    parseJsonStrict(text, 'import/model', { file, path: 'config.json' }, FIX),
    file,
  );
  const project = buildProject(model, file);
  const h5 = files.get('model.weights.h5');
  if (!h5)
    throw new LoomError(
      'import/weights',
      names.has('model.weights.npz')
        ? 'the archive stores its weights as model.weights.npz; only model.weights.h5 is supported'
        : 'the archive has no model.weights.h5',
      { file },
      FIX,
    );
  return withWeights(project, await readKerasWeights(model, project, h5, file), file);
}

/** The archive's config.json and model.weights.h5 (when present) and the names of all its entries. */
interface Archive {
  files: Map<string, Uint8Array>;
  names: Set<string>;
}

/** Entries read from a .keras archive, with the largest declared size accepted for each. */
const WANTED: ReadonlyMap<string, number> = new Map([
  ['config.json', MAX_KERAS_CONFIG_BYTES],
  ['model.weights.h5', MAX_KERAS_WEIGHTS_BYTES],
]);

/** Reads the wanted entries after checking the zip directory against limits. */
function readArchive(bytes: Uint8Array, file: string): Archive {
  const fail = (what: string, fix = FIX): never => {
    throw new LoomError('import/model', what, { file }, fix);
  };
  const unzip = (filter: (f: UnzipFileInfo) => boolean) => {
    try {
      return unzipSync(bytes, { filter });
    } catch (e) {
      if (e instanceof LoomError) throw e;
      return fail(`not a valid .keras (zip) archive: ${errorMessage(e)}`);
    }
  };
  // Pass 1 reads only the central directory, so nothing is inflated before the limits are checked.
  const names = new Set<string>();
  const seen = new Map<string, UnzipFileInfo>();
  unzip((info) => {
    if (names.size >= MAX_ENTRIES) fail(`the archive holds more than ${MAX_ENTRIES} entries`);
    names.add(info.name);
    const limit = WANTED.get(info.name);
    if (limit === undefined) return false;
    if (seen.has(info.name)) fail(`the entry '${info.name}' appears twice`);
    if (info.compression !== 0 && info.compression !== 8)
      fail(`the entry '${info.name}' uses zip compression method ${info.compression}`);
    if (info.originalSize > limit)
      fail(
        `the entry '${info.name}' declares ${info.originalSize} bytes, more than the ${limit}-byte limit`,
        'Import a smaller model.',
      );
    if (info.originalSize > mostInflated(info.size, info.compression))
      fail(
        `the entry '${info.name}' declares ${info.originalSize} bytes, more than its ${info.size} stored bytes can hold`,
        'The archive is damaged; save it again.',
      );
    seen.set(info.name, info);
    return false;
  });
  const inflated = unzip((info) => seen.has(info.name));
  const files = new Map<string, Uint8Array>();
  for (const [name, info] of seen) {
    const content = Object.prototype.hasOwnProperty.call(inflated, name)
      ? inflated[name]
      : undefined;
    if (!content || content.length !== info.originalSize)
      fail(
        `the entry '${name}' holds ${content?.length ?? 0} bytes but declares ${info.originalSize}`,
        'The archive is damaged; save it again.',
      );
    files.set(name, content!);
  }
  return { files, names };
}

/** Every parameter of the model by '<layer>/<param>', read from its saving_lib path. */
async function readKerasWeights(
  model: ImportedModel,
  project: Project,
  h5: Uint8Array,
  file: string,
): Promise<Map<string, NamedTensor>> {
  const inf = inferShapes(project);
  const reader = await openH5(h5, file);
  try {
    const root = reader.groupKeys('/') ?? [];
    // Files saved by tf.keras 2.13 keep layers under this name (saving_lib's compatibility fix).
    const layersGroup = root.includes('layers')
      ? 'layers'
      : root.includes('_layer_checkpoint_dependencies')
        ? '_layer_checkpoint_dependencies'
        : 'layers';
    // Sequential.layers leaves out the InputLayer; its count never collides with other classes.
    const dirs = kerasLayerDirs(model.layers.map((l) => l.className));
    const out = new Map<string, NamedTensor>();
    for (const [k, layer] of model.layers.entries()) {
      const path = `${layersGroup}/${dirs[k]}/vars`;
      const specs = inf.nodes.get(layer.name)?.weights ?? [];
      const keys = reader.groupKeys(path) ?? [];
      if (keys.length !== specs.length)
        throw new LoomError(
          'import/weights',
          `layer '${layer.name}' (${layer.className}) needs ${specs.length} weight tensors but '${path}' holds ${keys.length}`,
          { file, node: layer.name, path },
          FIX,
        );
      specs.forEach((spec, i) => {
        const data = reader.readFloat32(`${path}/${i}`, spec.shape);
        out.set(`${layer.name}/${spec.name}`, { shape: [...spec.shape], data });
      });
    }
    return out;
  } finally {
    reader.close();
  }
}
