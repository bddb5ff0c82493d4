import { json } from '@codemirror/lang-json';
import { defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface SourceCodeViewProps {
  value: string;
  /** The accessible name of the text (CodeMirror's content element). */
  label: string;
  /** JSON is highlighted; other text is shown plain until its CodeMirror language is installed. */
  language: 'json' | 'plain';
}

/** A read-only file in CodeMirror 6: line numbers, search (Ctrl/Cmd+F), JSON highlighting. */
export function SourceCodeView({ value, label, language }: SourceCodeViewProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (host.current === null) return;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: value,
        extensions: [
          lineNumbers(),
          language === 'json' ? [json(), foldGutter()] : [],
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          search({ top: true }),
          highlightSelectionMatches(),
          keymap.of(searchKeymap),
          EditorState.readOnly.of(true),
          EditorView.contentAttributes.of({ 'aria-label': label }),
        ],
      }),
    });
    return () => editor.destroy();
  }, [value, label, language]);
  return <div ref={host} className="json-code-view source-code-view" />;
}
