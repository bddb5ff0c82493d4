import type { InspectorProps } from '../InspectorProps';
import type { StartData } from './startModule';

export function StartInspector(_props: InspectorProps<StartData>) {
  return <p className="muted">Every chat begins here. A flow has exactly one Start.</p>;
}
