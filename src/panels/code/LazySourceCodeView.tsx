import { lazy, Suspense } from 'react';
import type { SourceCodeViewProps } from './SourceCodeView';

const SourceCodeView = lazy(() =>
  import('./SourceCodeView').then((module) => ({ default: module.SourceCodeView })),
);

/** `SourceCodeView`, fetched the first time one is shown; the plain text stands in meanwhile. */
export function LazySourceCodeView(props: SourceCodeViewProps) {
  return (
    <Suspense
      fallback={
        <pre className="code" aria-busy="true">
          {props.value}
        </pre>
      }
    >
      <SourceCodeView {...props} />
    </Suspense>
  );
}
