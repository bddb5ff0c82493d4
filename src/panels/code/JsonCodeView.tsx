import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { json, jsonParseLinter } from '@codemirror/lang-json';
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  syntaxHighlighting,
} from '@codemirror/language';
import { linter, lintGutter } from '@codemirror/lint';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension } from '@codemirror/state';
import {
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface JsonCodeViewProps {
  value: string;
  /** The accessible name of the text itself (CodeMirror's contenteditable). */
  label: string;
  /** Absent for a read-only view. */
  onChange?: (value: string) => void;
  /** Ids of the elements that describe the text, e.g. its validation message. */
  describedBy?: string;
  invalid?: boolean;
}

/**
 * JSON in CodeMirror 6: highlighting, line numbers, folding, search (Ctrl/Cmd+F inside the
 * editor), and for editable text a JSON lint as you type. Loaded on demand through
 * `LazyJsonCodeView`, so the editor stays out of the initial bundle.
 */
export function JsonCodeView({ value, label, onChange, describedBy, invalid }: JsonCodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const attributes = useRef(new Compartment());
  const latestOnChange = useRef(onChange);
  const editable = onChange !== undefined;
  useEffect(() => {
    latestOnChange.current = onChange;
  });

  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          foldGutter(),
          highlightActiveLineGutter(),
          json(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          bracketMatching(),
          search({ top: true }),
          highlightSelectionMatches(),
          keymap.of([...searchKeymap, ...foldKeymap, ...defaultKeymap, ...historyKeymap]),
          EditorView.lineWrapping,
          attributes.current.of([]),
          editable ? editableExtensions() : [EditorState.readOnly.of(true)],
          EditorView.updateListener.of((update) => {
            if (update.docChanged) latestOnChange.current?.(update.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
    // The editor is created once; later values and attributes are dispatched into it below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editable]);

  useEffect(() => {
    view.current?.dispatch({
      effects: attributes.current.reconfigure(
        EditorView.contentAttributes.of({
          'aria-label': label,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
          ...(invalid ? { 'aria-invalid': 'true' } : {}),
        }),
      ),
    });
  }, [label, describedBy, invalid, editable]);

  // A value that differs from the editor's text came from outside (typing in the editor has
  // already put the same text there): only then replace it, so the caret stays where it is.
  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    const current = editor.state.doc.toString();
    if (current === value) return;
    editor.dispatch({ changes: { from: 0, to: current.length, insert: value } });
  }, [value, editable]);

  return <div ref={host} className="json-code-view nodrag nowheel" />;
}

function editableExtensions(): Extension {
  return [
    history(),
    highlightActiveLine(),
    linter(jsonParseLinter(), { delay: 300 }),
    lintGutter(),
  ];
}
