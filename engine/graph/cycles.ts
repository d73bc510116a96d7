// Finds the nodes and edges that lie on cycles (strongly connected components with a loop), so a
// cycle error is pinned to exactly the layers and edges a user must change.

/** Ids of nodes on some cycle, given adjacency as (from, to) pairs. */
export function nodesOnCycles(
  ids: readonly string[],
  edges: readonly { from: string; to: string }[],
): Set<string> {
  const adj = new Map<string, string[]>(ids.map((id) => [id, []]));
  for (const e of edges) adj.get(e.from)?.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result = new Set<string>();
  let counter = 0;
  // Iterative Tarjan, so a 1,000-node chain cannot overflow the call stack.
  for (const root of ids) {
    if (index.has(root)) continue;
    const work: [string, number][] = [[root, 0]];
    while (work.length) {
      const frame = work[work.length - 1];
      const [v, i] = frame;
      if (i === 0) {
        index.set(v, counter);
        low.set(v, counter++);
        stack.push(v);
        onStack.add(v);
      }
      const next = adj.get(v)!;
      if (i < next.length) {
        frame[1]++;
        const w = next[i];
        if (!index.has(w)) work.push([w, 0]);
        else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1][0];
        low.set(parent, Math.min(low.get(parent)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        const selfLoop = component.length === 1 && next.includes(v);
        if (component.length > 1 || selfLoop) for (const c of component) result.add(c);
      }
    }
  }
  return result;
}
