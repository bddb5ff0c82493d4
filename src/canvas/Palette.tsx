import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import { addableModuleKinds } from '../domain/addableModuleKinds';
import { moduleDefinitions, type ModuleKind } from '../modules/moduleDefinitions';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStore } from '../store/FlowStoreContext';
import { ModuleIcon, moduleColorStyle } from './ModuleIcon';
import { paletteDragType } from './paletteDragType';

/** Roughly half a node, so a clicked module lands centred in the view. */
const halfNodeSize = { x: 110, y: 40 };
const stackOffset = 30;

export function Palette() {
  const addNode = useFlowStore((state) => state.addNode);
  const paletteKinds = useFlowStore(useShallow((state) => addableModuleKinds(state.nodes)));
  const reactFlowStore = useStoreApi<AppNode, AppEdge>();
  const { screenToFlowPosition, getNodes } = useReactFlow<AppNode, AppEdge>();

  const addAtViewportCentre = (kind: ModuleKind) => {
    const canvas = reactFlowStore.getState().domNode?.getBoundingClientRect();
    const centre = canvas?.width
      ? screenToFlowPosition({
          x: canvas.left + canvas.width / 2,
          y: canvas.top + canvas.height / 2,
        })
      : { x: 0, y: 0 };
    const position = { x: centre.x - halfNodeSize.x, y: centre.y - halfNodeSize.y };
    // Repeated clicks would stack nodes exactly on top of each other; fan them out instead.
    const taken = new Set(getNodes().map((node) => `${node.position.x},${node.position.y}`));
    while (taken.has(`${position.x},${position.y}`)) {
      position.x += stackOffset;
      position.y += stackOffset;
    }
    addNode(kind, position);
  };

  return (
    <section className="palette" aria-label="Modules">
      <h2>Modules</h2>
      <ul>
        {paletteKinds.map((kind) => {
          const definition = moduleDefinitions[kind];
          return (
            <li key={kind}>
              <button
                type="button"
                className="palette-button"
                style={moduleColorStyle(kind)}
                draggable
                aria-label={`Add ${definition.label}`}
                title={`${definition.description}. Click to add, or drag onto the canvas.`}
                onClick={() => addAtViewportCentre(kind)}
                onDragStart={(event) => {
                  event.dataTransfer.setData(paletteDragType, kind);
                  event.dataTransfer.effectAllowed = 'copy';
                }}
              >
                <ModuleIcon kind={kind} />
                <span className="palette-label">{definition.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
