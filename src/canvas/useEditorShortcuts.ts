import { useEffect, useRef } from 'react';
import { selectedFragment, type FlowFragment } from '../store/createFlowStore';
import { useFlowStoreApi } from '../store/FlowStoreContext';
import { focusFindModule } from '../panels/FindModuleBox';

const pasteOffset = { x: 40, y: 40 };

const textInputTypes = new Set(['text', 'search', 'url', 'email', 'password', 'tel', 'number']);

/** Where keys edit text, so the browser's own undo, copy and delete apply. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && textInputTypes.has(target.type);
}

/** Any form control: Delete/Backspace there must not delete the module being configured. */
function isFormControl(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLSelectElement ||
    target instanceof HTMLTextAreaElement ||
    isTextEntry(target)
  );
}

/**
 * Delete/Backspace, undo/redo, copy/paste, duplicate and select all, on the whole page except
 * while the author types into a text field (where the browser's own text editing applies). On a
 * select or checkbox the shortcuts work, but Delete/Backspace does not delete the module.
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
        if (isFormControl(event.target)) return;
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
      } else if (mod && key === 'a') {
        event.preventDefault();
        state.selectAll();
      } else if (mod && key === 'd') {
        event.preventDefault();
        const fragment = selectedFragment(state);
        if (fragment.nodes.length > 0) state.insertFragment(fragment, pasteOffset);
      } else if (mod && key === 'f' && !event.shiftKey && !event.altKey) {
        // In a text field the browser's own find stays (isTextEntry returned above).
        if (focusFindModule()) event.preventDefault();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store]);
}
