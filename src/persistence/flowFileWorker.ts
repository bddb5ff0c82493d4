import '../configureZod';
import { readFlowFile } from '../domain/readFlowFile';
import {
  edgesPerSlice,
  nodesPerSlice,
  type FlowFileWorkerReply,
  type FlowFileWorkerRequest,
} from './flowFileWorkerProtocol';

// Reads, parses and checks a flow file off the page's main thread; see `readFlowFileInWorker`.

const reply = (message: FlowFileWorkerReply) => self.postMessage(message);

async function read({ file }: FlowFileWorkerRequest) {
  reply({ type: 'progress', phase: 'reading' });
  const text = await file.text();
  reply({ type: 'progress', phase: 'checking' });
  const result = readFlowFile(text);
  if (!result.ok) {
    reply({ type: 'invalid', errors: result.errors });
    return;
  }
  const { nodes, edges, ...header } = result.flow;
  reply({
    type: 'flow',
    flow: header,
    nodeCount: nodes.length,
    edgeCount: edges.length,
    problems: result.problems,
    modulesOverlap: result.modulesOverlap,
  });
  for (let start = 0; start < nodes.length; start += nodesPerSlice) {
    reply({ type: 'nodes', nodes: nodes.slice(start, start + nodesPerSlice) });
  }
  for (let start = 0; start < edges.length; start += edgesPerSlice) {
    reply({ type: 'edges', edges: edges.slice(start, start + edgesPerSlice) });
  }
  reply({ type: 'done' });
}

self.addEventListener('message', (event: MessageEvent<FlowFileWorkerRequest>) => {
  read(event.data).catch((error: unknown) =>
    reply({ type: 'failed', message: error instanceof Error ? error.message : String(error) }),
  );
});
