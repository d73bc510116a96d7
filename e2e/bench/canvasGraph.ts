// A generated 500-node project for the canvas benchmark: one Input, ten towers of Dense layers in
// columns, a Concatenate of the towers, then a short Dense head. Valid, so it has a summary.
import { ProjectSchema, type Project } from '../../engine/document/schema.ts';

/** Column and row spacing of the generated layout (flow units). */
const DX = 220;
const DY = 110;

/** A valid project with exactly `total` nodes (at least 13). */
export function benchGraph(total = 500, towers = 10): Project {
  // Everything but the Input and the Concatenate goes to the towers, the rest (≥ 1) to the head.
  let depth = Math.floor((total - 2) / towers);
  let head = total - 2 - depth * towers;
  if (head < 1) {
    depth -= 1;
    head += towers;
  }
  const nodes: object[] = [
    {
      id: 'x',
      type: 'Input',
      name: 'input_layer',
      params: { shape: [16] },
      position: { x: 0, y: 0 },
    },
  ];
  const edges: object[] = [];
  const link = (from: string, to: string, port = 'in') =>
    edges.push({
      id: `${from}->${to}`,
      source: { node: from, port: 'out' },
      target: { node: to, port },
    });
  for (let r = 0; r < towers; r++) {
    let prev = 'x';
    for (let c = 1; c <= depth; c++) {
      const id = `d${r}_${c}`;
      nodes.push({
        id,
        type: 'Dense',
        name: `dense_${r}_${c}`,
        params: { units: 8, activation: 'relu' },
        position: { x: c * DX, y: r * DY },
      });
      link(prev, id);
      prev = id;
    }
    link(prev, 'cat', `in${r}`);
  }
  nodes.push({
    id: 'cat',
    type: 'Concatenate',
    name: 'concatenate',
    position: { x: (depth + 1) * DX, y: (towers / 2) * DY },
  });
  let prev = 'cat';
  for (let h = 0; h < head; h++) {
    const id = `h${h}`;
    nodes.push({
      id,
      type: 'Dense',
      name: `head_${h}`,
      params: { units: h === head - 1 ? 1 : 16 },
      position: { x: (depth + 2 + h) * DX, y: (towers / 2) * DY },
    });
    link(prev, id);
    prev = id;
  }
  return ProjectSchema.parse({ schemaVersion: 1, name: 'bench', nodes, edges });
}
