import type { FlowDocument } from '../domain/flowDocumentSchema';
import { estimatedModuleSize } from '../domain/moduleBoxes';
import type { ReadFlowFileResult } from '../domain/readFlowFile';
import type { FlowFileWorkerReply, FlowFileWorkerRequest } from './flowFileWorkerProtocol';
import { importProgress, type ImportProgress } from './importProgress';

/**
 * Reads a flow file with `readFlowFile` in a Web Worker, so parsing and checking a file of tens
 * of thousands of modules never blocks the page; the flow comes back in slices. Aborting stops
 * the worker at once and rejects with an `AbortError`.
 */
export function readFlowFileInWorker(
  file: Blob,
  { signal, onProgress }: { signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void },
): Promise<ReadFlowFileResult> {
  return new Promise((resolve, reject) => {
    const cancelled = () => new DOMException('The file was not read: cancelled', 'AbortError');
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const worker = new Worker(new URL('./flowFileWorker.ts', import.meta.url), {
      type: 'module',
      name: 'flow file reader',
    });
    const finish = () => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
    };
    const abort = () => {
      finish();
      reject(cancelled());
    };
    signal?.addEventListener('abort', abort);

    let header: Extract<FlowFileWorkerReply, { type: 'flow' }> | null = null;
    const nodes: FlowDocument['nodes'] = [];
    const edges: FlowDocument['edges'] = [];
    const received = () =>
      header && header.nodeCount + header.edgeCount > 0
        ? (nodes.length + edges.length) / (header.nodeCount + header.edgeCount)
        : 1;

    worker.addEventListener('message', (event: MessageEvent<FlowFileWorkerReply>) => {
      const reply = event.data;
      switch (reply.type) {
        case 'progress':
          onProgress?.(importProgress(reply.phase));
          return;
        case 'invalid':
          finish();
          resolve({ ok: false, errors: reply.errors });
          return;
        case 'flow':
          header = reply;
          onProgress?.(importProgress('receiving'));
          return;
        case 'nodes':
          nodes.push(...reply.nodes);
          // Estimated here, a slice per task, rather than all at once when the flow is shown.
          for (const node of reply.nodes) estimatedModuleSize(node);
          onProgress?.(importProgress('receiving', received()));
          return;
        case 'edges':
          edges.push(...reply.edges);
          onProgress?.(importProgress('receiving', received()));
          return;
        case 'done':
          finish();
          if (header === null) reject(new Error('The file reader ended without a flow'));
          else {
            resolve({
              ok: true,
              flow: { ...header.flow, nodes, edges },
              problems: header.problems,
              modulesOverlap: header.modulesOverlap,
            });
          }
          return;
        case 'failed':
          finish();
          reject(new Error(reply.message));
          return;
      }
    });
    worker.addEventListener('error', (event) => {
      finish();
      reject(new Error(event.message || 'The file reader stopped'));
    });
    const request: FlowFileWorkerRequest = { file };
    worker.postMessage(request);
  });
}
