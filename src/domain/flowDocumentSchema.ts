import { z } from 'zod';
import {
  flowNodeSchema,
  moduleDefinitions,
  type FlowNode,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import { newId } from './newId';

export const currentSchemaVersion = 1;

export const flowEdgeSchema = z.object({
  id: z.string().min(1, 'Edge id must not be empty'),
  source: z.string().min(1),
  sourceHandle: z.string().min(1).default('out'),
  target: z.string().min(1),
});
export type FlowEdge = z.output<typeof flowEdgeSchema>;

/** Outgoing handle ids a node offers, by its module kind and configuration. */
export function outputIdsOf(node: FlowNode): string[] {
  return outputsOf(node).map((output) => output.id);
}

export function outputsOf<K extends ModuleKind>(node: { type: K; data: ModuleDataByKind[K] }) {
  return moduleDefinitions[node.type].outputs(node.data);
}

/** A flow's name, as the file stores it and the author types it. */
export const flowNameSchema = z.string().trim().min(1, 'A flow needs a name');

const flowDocumentShape = z.object({
  schemaVersion: z.literal(currentSchemaVersion),
  id: z
    .string()
    .min(1)
    .default(() => newId('flow')),
  name: flowNameSchema.default('Untitled flow'),
  nodes: z.array(flowNodeSchema),
  edges: z.array(flowEdgeSchema).default([]),
});

/**
 * The flow file, `schemaVersion` 1. Beyond field shapes it checks what makes a graph:
 * unique ids, edges between existing nodes, from handles the source node has.
 */
export const flowDocumentSchema = flowDocumentShape.superRefine((flow, context) => {
  const nodesById = new Map<string, FlowNode>();
  flow.nodes.forEach((node, index) => {
    if (nodesById.has(node.id)) {
      context.addIssue({
        code: 'custom',
        path: ['nodes', index, 'id'],
        message: `Duplicate node id "${node.id}"`,
      });
    }
    nodesById.set(node.id, node);
  });
  const edgeIds = new Set<string>();
  flow.edges.forEach((edge, index) => {
    if (edgeIds.has(edge.id)) {
      context.addIssue({
        code: 'custom',
        path: ['edges', index, 'id'],
        message: `Duplicate edge id "${edge.id}"`,
      });
    }
    edgeIds.add(edge.id);
    const source = nodesById.get(edge.source);
    if (!source) {
      context.addIssue({
        code: 'custom',
        path: ['edges', index, 'source'],
        message: `Edge "${edge.id}" starts at node "${edge.source}", which does not exist`,
      });
    } else if (!outputIdsOf(source).includes(edge.sourceHandle)) {
      context.addIssue({
        code: 'custom',
        path: ['edges', index, 'sourceHandle'],
        message: `Node "${source.id}" (${source.type}) has no output "${edge.sourceHandle}"; it has: ${outputIdsOf(source).join(', ') || 'none'}`,
      });
    }
    const target = nodesById.get(edge.target);
    if (!target) {
      context.addIssue({
        code: 'custom',
        path: ['edges', index, 'target'],
        message: `Edge "${edge.id}" leads to node "${edge.target}", which does not exist`,
      });
    } else if (!moduleDefinitions[target.type].hasInput) {
      context.addIssue({
        code: 'custom',
        path: ['edges', index, 'target'],
        message: `Edge "${edge.id}" leads into a ${target.type} node, which takes no input`,
      });
    }
  });
});

export type FlowDocument = z.output<typeof flowDocumentSchema>;
export type FlowDocumentInput = z.input<typeof flowDocumentSchema>;
