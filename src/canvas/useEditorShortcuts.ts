import { useEffect, useRef } from 'react';
import { selectedFragment, type FlowFragment } from '../store/createFlowStore';
import { useFlowStoreApi } from '../store/FlowStoreContext';

const pasteOffset = { x: 40, y: 40 };

function isTextEntry(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

/**
 * Delete/Backspace, undo/redo, copy/paste and duplicate, on the whole page except while the
 * author types into a field (where the browser's own text editing applies).
 */
export function useEditorShortcuts() {
  const store = useFlowStoreApi();
  const clipboard = useRef<{ fragment: FlowFragment; pastes: number } | null>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTextEntry(event.target)) return;
      const state = store.getState();
      const mod = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) {
        event.preventDefault();
        state.deleteSelection();
      } else if (mod && key === 'z') {
        event.preventDefault();
        if (event.shiftKey) state.redo();
        else state.undo();
      } else if (mod && key === 'y') {
        event.preventDefault();
        state.redo();
      } else if (mod && key === 'c') {
        const fragment = selectedFragment(state);
        if (fragment.nodes.length > 0) clipboard.current = { fragment, pastes: 0 };
      } else if (mod && key === 'v') {
        if (!clipboard.current) return;
        event.preventDefault();
        clipboard.current.pastes += 1;
        const times = clipboard.current.pastes;
        state.insertFragment(clipboard.current.fragment, {
          x: pasteOffset.x * times,
          y: pasteOffset.y * times,
        });
      } else if (mod && key === 'd') {
        event.preventDefault();
        const fragment = selectedFragment(state);
        if (fragment.nodes.length > 0) state.insertFragment(fragment, pasteOffset);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
