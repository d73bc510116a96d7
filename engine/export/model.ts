// What every exporter reads: the model's layers in Keras order (`model.layers`), its inputs and
// outputs, and its parameter tensors named '<layer>/<weight>'. Pure: no I/O, no Node APIs.
import { compile } from '../compile/compile.ts';
import type { ParamSpec } from '../compile/program.ts';
import type { Project } from '../document/schema.ts';
import { LoomError } from '../errors.ts';
import { inferShapes, type Inference } from '../graph/infer.ts';
import type { LayerDef, SymShape } from '../layers/types.ts';
import { initialWeights } from '../session/weights.ts';
import { kerasOrder } from '../summary/kerasOrder.ts';
import { sizeOf, type TensorData } from '../tensor.ts';

/** One named float32 parameter tensor, e.g. 'dense1/kernel' of shape [2, 1]. */
export interface NamedTensor extends TensorData {
  name: string;
}

/** One layer as exporters see it. */
export interface ExportLayer {
  nodeId: string;
  name: string;
  def: LayerDef;
  /** Params with defaults filled in. */
  params: Record<string, unknown>;
  /** Names of the layers feeding it, in input order. */
  inbound: string[];
  /** Shapes of its inputs (batch as null), in input order; [] for an Input. */
  inputShapes: SymShape[];
  outputShape: SymShape;
  /** Its parameter tensors, in the layer's weight order (Dense: kernel, bias). */
  tensors: NamedTensor[];
}

/** A functional model ready to export. */
export interface ExportModel {
  name: string;
  /** Layers in Keras order (as `model.layers` lists them). */
  layers: ExportLayer[];
  /** Input and output layer names, in model order. */
  inputs: string[];
  outputs: string[];
  /** Every parameter tensor, in Keras order of layers then weights. */
  tensors: NamedTensor[];
  doc: Project;
  inference: Inference;
}

/** Tensor name of one parameter: '<layer name>/<weight name>'. */
export const tensorName = (p: Pick<ParamSpec, 'layer' | 'weight'>) => `${p.layer}/${p.weight}`;

/**
 * Gathers a valid project's model for export. `weights` (by param key '<nodeId>/<weight>')
 * defaults to the project's stored weights, initialised from its seed where missing.
 */
export function exportModel(
  doc: Project,
  weights?: ReadonlyMap<string, Float32Array>,
): ExportModel {
  const inference = inferShapes(doc);
  const program = compile(doc, { mode: 'predict', batchSize: 1, inference });
  const values = weights ?? initialWeights(doc, program.params).values;
  const summary = inference.summary!;
  const byName = new Map([...inference.nodes.values()].map((n) => [n.node.name, n]));
  const byNode = new Map<string, NamedTensor[]>();
  for (const p of program.params) {
    const data = values.get(p.key);
    const size = sizeOf(p.shape);
    if (!data || data.length !== size)
      throw new LoomError(
        'weights/mismatch',
        data
          ? `weight '${tensorName(p)}' has ${data.length} values but its shape [${p.shape.join(', ')}] needs ${size}`
          : `weight '${tensorName(p)}' has no values`,
        { node: p.layer, param: p.weight },
        'Export weights that belong to this model, or reset the weights.',
      );
    const list = byNode.get(p.nodeId) ?? [];
    list.push({ name: tensorName(p), shape: [...p.shape], data });
    byNode.set(p.nodeId, list);
  }
  const layers: ExportLayer[] = kerasOrder(summary).map((l) => {
    const info = byName.get(l.name)!;
    return {
      nodeId: info.node.id,
      name: l.name,
      def: info.def!,
      params: info.params!,
      inbound: [...l.inbound],
      inputShapes: info.inputs.map((e) => inference.edgeShapes.get(e.id)!),
      outputShape: info.shape!,
      tensors: byNode.get(info.node.id) ?? [],
    };
  });
  return {
    name: doc.name,
    layers,
    inputs: [...summary.inputs],
    outputs: [...summary.outputs],
    tensors: layers.flatMap((l) => l.tensors),
    doc,
    inference,
  };
}
