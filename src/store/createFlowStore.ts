import {
  addEdge,
  applyEdgeChanges,
  applyNodeChanges,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type XYPosition,
} from '@xyflow/react';
import { temporal } from 'zundo';
import { createStore } from 'zustand/vanilla';
import { outputIdsOf, type FlowDocument } from '../domain/flowDocumentSchema';
import type { FlowSettings } from '../domain/flowSettingsSchema';
import { newId } from '../domain/newId';
import {
  coordinateLimit,
  defaultDataOf,
  flowNodeSchema,
  moduleDefinitions,
  type ModuleDataByKind,
  type ModuleKind,
} from '../modules/moduleDefinitions';
import {
  edgesFromFlow,
  nodesFromFlow,
  sameConnections,
  type AppEdge,
  type AppNode,
} from './appNode';

/** Edits closer together than this, with the same grouping key, are undone as one step. */
export const undoGroupWindowMs = 1000;

const dragGroupKey = 'drag';

export interface FlowDocumentState {
  flowId: string;
  name: string;
  settings: FlowSettings;
  nodes: AppNode[];
  edges: AppEdge[];
}

/**
 * Text the author typed into an inspector field that its schema refuses. It stays in the field
 * (after blur or reselecting the module) and counts as a problem until fixed; it is not part of
 * the flow document, its undo history or the flow file.
 */
export interface InvalidFieldDraft {
  text: string;
  /** The field's message for the text. */
  message: string;
  /** The sentence the problems list shows, e.g. `URL is not a valid http(s) address`. */
  problem: string;
  /** The field's valid value under the draft; another value means an outside change replaced it. */
  value: string;
}

/** Invalid drafts by node id, then by field key (`url`, `rules.<rule id>.value`). */
export type InvalidFields = Readonly<Record<string, Readonly<Record<string, InvalidFieldDraft>>>>;

/** Selected nodes and the edges between them, as copy/paste and duplicate move them around. */
export interface FlowFragment {
  nodes: AppNode[];
  edges: AppEdge[];
}

export interface FlowActions {
  loadFlow: (flow: FlowDocument) => void;
  renameFlow: (name: string) => void;
  /** Changes the flow's settings; typing into one field (`groupKey`) is one undo step per word. */
  updateFlowSettings: (patch: Partial<FlowSettings>, groupKey?: string) => void;
  onNodesChange: (changes: NodeChange<AppNode>[]) => void;
  onEdgesChange: (changes: EdgeChange<AppEdge>[]) => void;
  onConnect: (connection: Connection) => void;
  /** Adds a node of `kind` at `position`, selects it alone, returns its id. */
  addNode: (kind: ModuleKind, position: XYPosition) => string;
  /**
   * Adds a node of `kind` at `position`, connects `from`'s output to it when given, and selects
   * it alone: one undo step. Returns its id.
   */
  addConnectedNode: (
    kind: ModuleKind,
    position: XYPosition,
    from: { nodeId: string; sourceHandle: string } | null,
  ) => string;
  /** Keeps (or with `null` forgets) the invalid text of one inspector field. */
  setInvalidField: (nodeId: string, field: string, draft: InvalidFieldDraft | null) => void;
  /**
   * Changes part of one node's configuration. Calls with the same `groupKey` in quick
   * succession (typing into one field) become a single undo step per typed word.
   */
  updateNodeData: <K extends ModuleKind>(
    nodeId: string,
    kind: K,
    patch: Partial<ModuleDataByKind[K]>,
    groupKey?: string,
  ) => void;
  /** Names a module (a blank name removes it); typing is one undo step per word. */
  renameNode: (nodeId: string, name: string) => void;
  /** Moves modules to new top-left positions (Tidy up), as one undo step. */
  applyLayout: (positions: ReadonlyMap<string, XYPosition>) => void;
  selectNodes: (nodeIds: readonly string[]) => void;
  /** Selects every module and connection. */
  selectAll: () => void;
  deleteSelection: () => void;
  /** Pastes a fragment with fresh ids, moved by `offset`, and selects what was pasted. */
  insertFragment: (fragment: FlowFragment, offset: XYPosition) => void;
  undo: () => void;
  redo: () => void;
}

export type FlowState = FlowDocumentState & { invalidFields: InvalidFields } & FlowActions;

type HistoryState = Pick<FlowDocumentState, 'name' | 'settings' | 'nodes' | 'edges'>;

/** Whether two states hold the same flow document: name, settings, modules, positions, connections. */
export function sameFlowDocument(past: HistoryState, current: HistoryState): boolean {
  if (past.name !== current.name || past.nodes.length !== current.nodes.length) return false;
  if (past.settings !== current.settings) return false;
  const nodesSame = past.nodes.every((node, index) => {
    const other = current.nodes[index];
    return (
      other !== undefined &&
      node.id === other.id &&
      node.type === other.type &&
      node.name === other.name &&
      node.data === other.data &&
      node.position.x === other.position.x &&
      node.position.y === other.position.y
    );
  });
  return nodesSame && sameConnections(past.edges, current.edges);
}

/**
 * Builds a canvas node of whichever kind by parsing it: the schema both checks the data and
 * gives back the precise node type, so no cast is needed.
 */
function parseCanvasNode(
  node: { id: string; type: ModuleKind; name?: string; position: XYPosition; data: unknown },
  view: { selected?: boolean; measured?: AppNode['measured'] },
): AppNode | null {
  const parsed = flowNodeSchema.safeParse(node);
  if (!parsed.success) return null;
  return { ...parsed.data, ...view };
}

/**
 * Whether an edit begins a new word in any text it changes, however deep (a rule's value, an
 * option line): then it starts a new undo step, as in a text editor. A new list entry (a new
 * line of options, another expected variable) counts as a new word too.
 */
export function startsNewWord(before: unknown, after: unknown): boolean {
  if (typeof before === 'string' && typeof after === 'string') {
    if (after.length <= before.length || !after.startsWith(before)) return false;
    return /\S$/.test(before) && /\s/.test(after.slice(before.length));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (after.length > before.length) return before.length > 0;
    return after.some((item, index) => startsNewWord(before[index], item));
  }
  if (
    typeof before === 'object' &&
    before !== null &&
    typeof after === 'object' &&
    after !== null
  ) {
    const previous = new Map(Object.entries(before));
    return Object.entries(after).some(([field, value]) =>
      startsNewWord(previous.get(field), value),
    );
  }
  return false;
}

/**
 * The one-per-flow module (Start) that stays when every module of its kind is selected for
 * deletion: a flow keeps at least one, while extra ones (an imported file's) can go.
 */
function mustStay(node: AppNode, nodes: readonly AppNode[]): boolean {
  if (!moduleDefinitions[node.type].onePerFlow) return false;
  const sameKind = nodes.filter((other) => other.type === node.type);
  return sameKind.every((other) => other.selected) && sameKind[0]?.id === node.id;
}

/** Edges whose source handle still exists: a removed condition rule takes its edge with it. */
function edgesWithLiveHandles(changedNode: AppNode, edges: AppEdge[]): AppEdge[] {
  const handles = new Set(outputIdsOf(changedNode));
  const kept = edges.filter(
    (edge) => edge.source !== changedNode.id || handles.has(edge.sourceHandle ?? 'out'),
  );
  return kept.length === edges.length ? edges : kept;
}

/** The invalid drafts of nodes that still exist. */
function invalidFieldsOf(nodes: readonly AppNode[], invalidFields: InvalidFields): InvalidFields {
  const ids = new Set(nodes.map((node) => node.id));
  const kept = Object.entries(invalidFields).filter(([nodeId]) => ids.has(nodeId));
  return kept.length === Object.keys(invalidFields).length
    ? invalidFields
    : Object.fromEntries(kept);
}

/** The draft key of a module's name, which sits beside its data rather than in it. */
export const nodeNameField = '#name';

/** The value at a draft's field key (`url`, `rules.<rule id>.value`); undefined when gone. */
function valueAtField(data: unknown, field: string): unknown {
  let current: unknown = data;
  for (const segment of field.split('.')) {
    if (Array.isArray(current)) {
      current = current.find(
        (item: unknown) =>
          typeof item === 'object' && item !== null && 'id' in item && item.id === segment,
      );
    } else if (typeof current === 'object' && current !== null) {
      current = new Map(Object.entries(current)).get(segment);
    } else {
      return undefined;
    }
  }
  return current;
}

/**
 * The drafts that still sit on the value they were typed over. An undo, a redo or another
 * field's edit that replaced that value (or removed the row it belonged to) ends the draft, as
 * the field itself would when shown; a list field's text is kept, its value being formatted.
 */
function draftsStillApplying(
  nodes: readonly AppNode[],
  invalidFields: InvalidFields,
): InvalidFields {
  const withDrafts = Object.keys(invalidFields);
  if (withDrafts.length === 0) return invalidFields;
  const byId = new Map(
    nodes.filter((node) => Object.hasOwn(invalidFields, node.id)).map((node) => [node.id, node]),
  );
  let changed = false;
  const kept = withDrafts.flatMap((nodeId) => {
    const node = byId.get(nodeId);
    const fields = invalidFields[nodeId] ?? {};
    const applying = Object.entries(fields).filter(([field, draft]) => {
      if (!node) return false;
      const value = field === nodeNameField ? (node.name ?? '') : valueAtField(node.data, field);
      return value !== undefined && (typeof value !== 'string' || value === draft.value);
    });
    if (applying.length !== Object.keys(fields).length) changed = true;
    return applying.length > 0 ? [[nodeId, Object.fromEntries(applying)] as const] : [];
  });
  return changed ? Object.fromEntries(kept) : invalidFields;
}

/** A position the flow file accepts: finite, within the coordinate limit. */
function onCanvas(position: XYPosition): XYPosition {
  const clamp = (value: number) =>
    Number.isFinite(value) ? Math.min(coordinateLimit, Math.max(-coordinateLimit, value)) : 0;
  return { x: clamp(position.x), y: clamp(position.y) };
}

/** Creates the one store that owns the open flow document, with undo history. */
export function createFlowStore(initialFlow: FlowDocument) {
  let pendingGroupKey: string | null = null;
  let lastGroupKey: string | null = null;
  let lastGroupAt = 0;

  const withGroup = (groupKey: string | null, change: () => void) => {
    pendingGroupKey = groupKey;
    try {
      change();
    } finally {
      pendingGroupKey = null;
    }
  };

  const store = createStore<FlowState>()(
    temporal(
      (set, get) => ({
        flowId: initialFlow.id,
        name: initialFlow.name,
        settings: initialFlow.settings,
        nodes: nodesFromFlow(initialFlow),
        edges: edgesFromFlow(initialFlow),
        invalidFields: {},

        loadFlow: (flow) => {
          set({
            flowId: flow.id,
            name: flow.name,
            settings: flow.settings,
            nodes: nodesFromFlow(flow),
            edges: edgesFromFlow(flow),
            invalidFields: {},
          });
          store.temporal.getState().clear();
          lastGroupKey = null;
        },

        renameFlow: (name) =>
          withGroup('flow-name', () => {
            if (startsNewWord({ name: get().name }, { name })) lastGroupKey = null;
            set({ name });
          }),

        updateFlowSettings: (patch, groupKey) =>
          withGroup(groupKey === undefined ? null : `settings:${groupKey}`, () => {
            const settings = { ...get().settings, ...patch };
            if (startsNewWord(get().settings, settings)) lastGroupKey = null;
            set({ settings });
          }),

        onNodesChange: (changes) => {
          const moves = changes.filter((change) => change.type === 'position');
          withGroup(moves.length > 0 ? dragGroupKey : null, () => {
            const nodes = applyNodeChanges(changes, get().nodes);
            set({ nodes, invalidFields: invalidFieldsOf(nodes, get().invalidFields) });
          });
          // A drag is one undo step from pick-up to drop; the next drag is another.
          if (moves.some((move) => move.dragging === false)) lastGroupKey = null;
        },

        onEdgesChange: (changes) => set({ edges: applyEdgeChanges(changes, get().edges) }),

        onConnect: (connection) => {
          if (connection.source === connection.target) return;
          const sourceHandle = connection.sourceHandle ?? 'out';
          const source = get().nodes.find((node) => node.id === connection.source);
          const target = get().nodes.find((node) => node.id === connection.target);
          if (!source || !target || !moduleDefinitions[target.type].hasInput) return;
          if (!outputIdsOf(source).includes(sourceHandle)) return;
          const others = get().edges.filter(
            (edge) =>
              !(edge.source === connection.source && (edge.sourceHandle ?? 'out') === sourceHandle),
          );
          set({
            edges: addEdge({ ...connection, sourceHandle, id: newId('edge') }, others),
          });
        },

        addNode: (kind, position) => get().addConnectedNode(kind, position, null),

        addConnectedNode: (kind, position, from) => {
          const node = parseCanvasNode(
            {
              id: newId(kind),
              type: kind,
              position: onCanvas(position),
              data: defaultDataOf(kind),
            },
            { selected: true },
          );
          if (!node) throw new Error(`A new ${kind} node does not match the flow schema`);
          const source = from && get().nodes.find((other) => other.id === from.nodeId);
          const connects =
            source &&
            moduleDefinitions[kind].hasInput &&
            outputIdsOf(source).includes(from.sourceHandle);
          const edges = get().edges.filter(
            (edge) =>
              !connects ||
              edge.source !== from.nodeId ||
              (edge.sourceHandle ?? 'out') !== from.sourceHandle,
          );
          set({
            nodes: [
              ...get().nodes.map((other) =>
                other.selected ? { ...other, selected: false } : other,
              ),
              node,
            ],
            edges: connects
              ? addEdge(
                  {
                    id: newId('edge'),
                    source: from.nodeId,
                    sourceHandle: from.sourceHandle,
                    target: node.id,
                    targetHandle: null,
                  },
                  edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
                )
              : get().edges,
          });
          return node.id;
        },

        setInvalidField: (nodeId, field, draft) => {
          const fields = Object.entries(get().invalidFields[nodeId] ?? {}).filter(
            ([key]) => key !== field,
          );
          if (draft) fields.push([field, draft]);
          const nodes = Object.entries(get().invalidFields).filter(([key]) => key !== nodeId);
          if (fields.length > 0) nodes.push([nodeId, Object.fromEntries(fields)]);
          set({ invalidFields: Object.fromEntries(nodes) });
        },

        updateNodeData: (nodeId, kind, patch, groupKey) => {
          withGroup(groupKey ?? null, () => {
            const index = get().nodes.findIndex((node) => node.id === nodeId);
            const node = get().nodes[index];
            if (!node || node.type !== kind) return;
            const updated = parseCanvasNode(
              { ...node, data: { ...node.data, ...patch } },
              { selected: node.selected, measured: node.measured },
            );
            if (!updated) return;
            if (startsNewWord(node.data, patch)) lastGroupKey = null;
            const nodes = get().nodes.with(index, updated);
            set({
              nodes,
              edges: edgesWithLiveHandles(updated, get().edges),
              invalidFields: draftsStillApplying(nodes, get().invalidFields),
            });
          });
        },

        renameNode: (nodeId, name) => {
          withGroup(`${nodeId}:name`, () => {
            const index = get().nodes.findIndex((node) => node.id === nodeId);
            const node = get().nodes[index];
            if (!node) return;
            const renamed = parseCanvasNode(
              { ...node, name },
              { selected: node.selected, measured: node.measured },
            );
            if (!renamed || renamed.name === node.name) return;
            if (startsNewWord({ name: node.name ?? '' }, { name: renamed.name ?? '' })) {
              lastGroupKey = null;
            }
            set({ nodes: get().nodes.with(index, renamed) });
          });
        },

        applyLayout: (positions) => {
          const nodes = get().nodes.map((node) => {
            const position = positions.get(node.id);
            if (!position) return node;
            const placed = onCanvas(position);
            return placed.x === node.position.x && placed.y === node.position.y
              ? node
              : { ...node, position: placed };
          });
          lastGroupKey = null;
          set({ nodes });
        },

        selectNodes: (nodeIds) => {
          const wanted = new Set(nodeIds);
          set({
            nodes: get().nodes.map((node) =>
              Boolean(node.selected) === wanted.has(node.id)
                ? node
                : { ...node, selected: wanted.has(node.id) },
            ),
            edges: get().edges.map((edge) => (edge.selected ? { ...edge, selected: false } : edge)),
          });
        },

        selectAll: () =>
          set({
            nodes: get().nodes.map((node) => (node.selected ? node : { ...node, selected: true })),
            edges: get().edges.map((edge) => (edge.selected ? edge : { ...edge, selected: true })),
          }),

        deleteSelection: () => {
          const nodes = get().nodes;
          const removed = new Set(
            nodes.filter((node) => node.selected && !mustStay(node, nodes)).map((node) => node.id),
          );
          const kept = nodes.filter((node) => !removed.has(node.id));
          set({
            nodes: kept,
            edges: get().edges.filter(
              (edge) => !edge.selected && !removed.has(edge.source) && !removed.has(edge.target),
            ),
            invalidFields: invalidFieldsOf(kept, get().invalidFields),
          });
        },

        insertFragment: (fragment, offset) => {
          const newIds = new Map(fragment.nodes.map((node) => [node.id, newId(node.type)]));
          const pastedNodes = fragment.nodes.map((node) => ({
            ...node,
            id: newIds.get(node.id) ?? newId(node.type),
            position: { x: node.position.x + offset.x, y: node.position.y + offset.y },
            selected: true,
          }));
          const pastedEdges = fragment.edges.flatMap((edge) => {
            const source = newIds.get(edge.source);
            const target = newIds.get(edge.target);
            return source && target
              ? [{ ...edge, id: newId('edge'), source, target, selected: false }]
              : [];
          });
          set({
            nodes: [
              ...get().nodes.map((node) => (node.selected ? { ...node, selected: false } : node)),
              ...pastedNodes,
            ],
            edges: [...get().edges, ...pastedEdges],
          });
        },

        undo: () => {
          lastGroupKey = null;
          store.temporal.getState().undo();
          set({ invalidFields: draftsStillApplying(get().nodes, get().invalidFields) });
        },

        redo: () => {
          lastGroupKey = null;
          store.temporal.getState().redo();
          set({ invalidFields: draftsStillApplying(get().nodes, get().invalidFields) });
        },
      }),
      {
        partialize: (state): HistoryState => ({
          name: state.name,
          settings: state.settings,
          nodes: state.nodes,
          edges: state.edges,
        }),
        equality: sameFlowDocument,
        limit: 200,
        handleSet: (recordPastState) => (pastState, replace) => {
          const now = Date.now();
          // A drag stays one step however long it takes; typing groups end after a pause.
          const continuesGroup =
            pendingGroupKey !== null &&
            pendingGroupKey === lastGroupKey &&
            (pendingGroupKey === dragGroupKey || now - lastGroupAt < undoGroupWindowMs);
          lastGroupKey = pendingGroupKey;
          lastGroupAt = now;
          if (!continuesGroup) recordPastState(pastState, replace);
        },
      },
    ),
  );
  return store;
}

export type FlowStore = ReturnType<typeof createFlowStore>;

/** The selected nodes (Start excepted: a flow has one) and the edges among them. */
export function selectedFragment(state: FlowDocumentState): FlowFragment {
  const nodes = state.nodes.filter(
    (node) => node.selected && !moduleDefinitions[node.type].onePerFlow,
  );
  const ids = new Set(nodes.map((node) => node.id));
  return {
    nodes,
    edges: state.edges.filter((edge) => ids.has(edge.source) && ids.has(edge.target)),
  };
}
