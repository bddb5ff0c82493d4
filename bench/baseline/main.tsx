import '@xyflow/react/dist/style.css';
import { ReactFlow, useEdgesState, useNodesState, type Edge, type Node } from '@xyflow/react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';

/*
 * The baseline of `npm run bench`: a bare React Flow page (default nodes, no extras) showing the
 * same modules and connections as the flow Flowbench opens, in a box of the size of
 * Flowbench's canvas. `?modules=N&width=W&height=H`; the flow is `flow-N.json` next to it.
 */
const flowFileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      type: z.string(),
      position: z.object({ x: z.number(), y: z.number() }),
    }),
  ),
  edges: z.array(z.object({ id: z.string(), source: z.string(), target: z.string() })),
});

const query = new URLSearchParams(location.search);
const size = {
  width: Number(query.get('width') ?? 1000),
  height: Number(query.get('height') ?? 800),
};
const flow = flowFileSchema.parse(await (await fetch(`flow-${query.get('modules')}.json`)).json());
const initialNodes: Node[] = flow.nodes.map((node) => ({
  id: node.id,
  position: node.position,
  data: { label: `${node.type} ${node.id}` },
}));
const initialEdges: Edge[] = flow.edges.map(({ id, source, target }) => ({ id, source, target }));

function BareFlow() {
  const [nodes, , onNodesChange] = useNodesState(initialNodes);
  const [edges, , onEdgesChange] = useEdgesState(initialEdges);
  return (
    <div style={size}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        fitView
        fitViewOptions={{ maxZoom: 1 }}
        minZoom={0.05}
      />
    </div>
  );
}

const root = document.getElementById('root');
if (root) createRoot(root).render(<BareFlow />);
