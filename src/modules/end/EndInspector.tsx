import type { InspectorProps } from '../InspectorProps';
import type { EndData } from './endModule';

export function EndInspector(_props: InspectorProps<EndData>) {
  return <p className="muted">The chat ends here. Nothing to configure.</p>;
}
