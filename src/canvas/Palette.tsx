import { useShallow } from 'zustand/react/shallow';
import { moduleDefinitions } from '../modules/moduleDefinitions';
import { useFlowStore } from '../store/FlowStoreContext';
import { selectAddableKinds } from '../store/selectSelectedNodes';
import { ModuleIcon, moduleColorStyle } from './ModuleIcon';
import { paletteDragType } from './paletteDragType';
import { useClickToAdd } from './useClickToAdd';

export function Palette() {
  const paletteKinds = useFlowStore(useShallow(selectAddableKinds));

  const clickToAdd = useClickToAdd();

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
                onClick={() => clickToAdd(kind)}
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
