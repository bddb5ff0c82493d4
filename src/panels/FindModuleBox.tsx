import { useReactFlow } from '@xyflow/react';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { findModules, type ModuleMatch } from '../domain/findModules';
import { sizeOfModules } from '../domain/moduleBoxes';
import type { AppEdge, AppNode } from '../store/appNode';
import { useFlowStore, useFlowStoreApi } from '../store/FlowStoreContext';

const listedMatches = 8;

let mountedInput: HTMLInputElement | null = null;

/** Moves the focus to the Find module box (Ctrl/Cmd+F); false when none is on the page. */
export function focusFindModule(): boolean {
  if (!mountedInput) return false;
  mountedInput.focus();
  mountedInput.select();
  return true;
}

function describeMatch(match: ModuleMatch): string {
  const first = match.matched.find((entry) => entry.field !== 'Name');
  return first ? `${first.field}: ${first.text}` : '';
}

/**
 * Finds modules by name, text, URL or variable. Enter selects the next match and centres the
 * view on it (Shift+Enter the previous one); Escape clears the search.
 */
export function FindModuleBox() {
  const id = useId();
  const store = useFlowStoreApi();
  const [query, setQuery] = useState('');
  const [current, setCurrent] = useState(-1);
  const input = useRef<HTMLInputElement>(null);
  const nodes = useFlowStore((state) => (query.trim() ? state.nodes : null));
  const matches = useMemo(() => (nodes ? findModules(nodes, query) : []), [nodes, query]);
  const { setCenter, getZoom } = useReactFlow<AppNode, AppEdge>();

  useEffect(() => {
    const element = input.current;
    mountedInput = element;
    return () => {
      if (mountedInput === element) mountedInput = null;
    };
  }, []);

  const show = (match: ModuleMatch, index: number) => {
    setCurrent(index);
    const state = store.getState();
    const node = state.nodes.find((candidate) => candidate.id === match.nodeId);
    if (!node) return;
    state.selectNodes([node.id]);
    const size = sizeOfModules([node])(node.id);
    const zoom = Math.min(1, Math.max(getZoom(), 0.75));
    void setCenter(node.position.x + size.width / 2, node.position.y + size.height / 2, {
      zoom,
      duration: 200,
    });
  };

  const step = (by: 1 | -1) => {
    if (matches.length === 0) return;
    const index = current < 0 && by < 0 ? matches.length - 1 : current + by;
    const wrapped = (index + matches.length) % matches.length;
    const match = matches[wrapped];
    if (match) show(match, wrapped);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      setQuery('');
      setCurrent(-1);
    }
  };

  const searching = query.trim() !== '';
  const count =
    matches.length === 0
      ? 'No module matches'
      : current >= 0 && current < matches.length
        ? `${current + 1} of ${matches.length}`
        : `${matches.length} ${matches.length === 1 ? 'match' : 'matches'}`;

  return (
    <div className="find-module" role="search">
      <input
        ref={input}
        type="search"
        aria-label="Find module"
        aria-describedby={searching ? `${id}-count` : undefined}
        placeholder="Find module (Ctrl+F)"
        value={query}
        spellCheck={false}
        onChange={(event) => {
          setQuery(event.target.value);
          setCurrent(-1);
        }}
        onKeyDown={onKeyDown}
      />
      {searching && (
        <>
          <span id={`${id}-count`} className="find-module-count" aria-live="polite">
            {count}
          </span>
          {matches.length > 0 && (
            <ul className="find-module-matches" aria-label="Matching modules">
              {matches.slice(0, listedMatches).map((match, index) => (
                <li key={match.nodeId}>
                  <button
                    type="button"
                    aria-current={index === current ? 'true' : undefined}
                    onClick={() => show(match, index)}
                  >
                    <strong>{match.name}</strong>{' '}
                    <span className="muted">{describeMatch(match)}</span>
                  </button>
                </li>
              ))}
              {matches.length > listedMatches && (
                <li className="muted">
                  and {matches.length - listedMatches} more (Enter steps on)
                </li>
              )}
            </ul>
          )}
        </>
      )}
    </div>
  );
}
