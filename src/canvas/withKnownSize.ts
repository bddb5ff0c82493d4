import { Position, type NodeHandle } from '@xyflow/react';
import { describeNode } from '../domain/describeNode';
import { estimatedModuleSize, outputCentres } from '../domain/moduleBoxes';
import type { AppNode } from '../store/appNode';

/** The handle's box as the node styles draw it: 6 px, centred on the node's edge. */
const handleSize = 6;

const sizedNodes = new WeakMap<AppNode, AppNode>();

/**
 * The node as React Flow gets it: until the canvas has measured it, with the size and handle
 * places estimated from its contents. React Flow then culls it, fits it into view and draws its
 * connections without drawing it first, so a large flow only ever renders what is on screen.
 * The first measurement replaces the estimate.
 */
export function withKnownSize(node: AppNode): AppNode {
  if (node.measured?.width !== undefined && node.measured.height !== undefined) return node;
  const known = sizedNodes.get(node);
  if (known) return known;
  const size = estimatedModuleSize(node);
  const facts = describeNode(node);
  const handles: NodeHandle[] = [];
  const half = handleSize / 2;
  if (facts.hasInput) {
    handles.push({
      type: 'target',
      position: Position.Top,
      x: size.width / 2 - half,
      y: -half,
      width: handleSize,
      height: handleSize,
    });
  }
  const centres = outputCentres(facts.outputs.length, size.width);
  facts.outputs.forEach((output, index) => {
    handles.push({
      id: output.id,
      type: 'source',
      position: Position.Bottom,
      x: (centres[index] ?? size.width / 2) - half,
      y: size.height - half,
      width: handleSize,
      height: handleSize,
    });
  });
  const sized = { ...node, measured: size, handles };
  sizedNodes.set(node, sized);
  return sized;
}
