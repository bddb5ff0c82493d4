import { lazy, Suspense } from 'react';
import type { JsonCodeViewProps } from './JsonCodeView';

const JsonCodeView = lazy(() =>
  import('./JsonCodeView').then((module) => ({ default: module.JsonCodeView })),
);

/** `JsonCodeView`, fetched the first time one is shown; the plain text stands in meanwhile. */
export function LazyJsonCodeView(props: JsonCodeViewProps) {
  return (
    <Suspense
      fallback={
        <pre className="code" aria-busy="true">
          {props.value}
        </pre>
      }
    >
      <JsonCodeView {...props} />
    </Suspense>
  );
}
