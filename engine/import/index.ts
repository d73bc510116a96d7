// The importers: a TF.js layers model or a Keras 3 .keras archive becomes a project with its
// weights; a safetensors/.npz/JSON weights file fills an existing project. Every failure is a
// LoomError; nothing here does I/O (callers pass bytes).
export { importKerasArchive } from './keras.ts';
export { importTfjsModel, type ShardFiles } from './tfjs.ts';
export { importWeights, readWeightsFile, weightsFormat, type WeightsFormat } from './weights.ts';
export { SUPPORTED_KERAS_CLASSES } from './kerasLayers.ts';
export type { ImportReport, LoadedWeight, NamedTensor } from './project.ts';
