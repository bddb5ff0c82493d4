import { javascript } from '@codemirror/lang-javascript';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { defaultHighlightStyle, foldGutter, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, search, searchKeymap } from '@codemirror/search';
import { EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers } from '@codemirror/view';
import { useEffect, useRef } from 'react';

export interface SourceCodeViewProps {
  value: string;
  /** The accessible name of the text (CodeMirror's content element). */
  label: string;
  language: 'json' | 'javascript' | 'markdown' | 'plain';
}

/** A read-only file in CodeMirror 6: line numbers, search (Ctrl/Cmd+F), syntax highlighting. */
const languageSupport = {
  json: () => [json(), foldGutter()],
  javascript: () => [javascript(), foldGutter()],
  markdown: () => markdown(),
  plain: () => [],
} satisfies Record<SourceCodeViewProps['language'], () => unknown>;

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
          languageSupport[language](),
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
