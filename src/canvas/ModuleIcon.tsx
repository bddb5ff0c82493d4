import type { CSSProperties } from 'react';
import type { ModuleKind } from '../modules/moduleDefinitions';
import { moduleViews } from '../modules/moduleViews';

/** Sets `--kind-color` for an element that shows one module kind (palette button, node). */
export function moduleColorStyle(kind: ModuleKind): CSSProperties {
  const style: CSSProperties & { '--kind-color': string } = {
    '--kind-color': moduleViews[kind].color,
  };
  return style;
}

/** The kind's icon on a tile of the kind's colour; decorative, the label names the kind. */
export function ModuleIcon({ kind, size = 14 }: { kind: ModuleKind; size?: number }) {
  const { Icon, color } = moduleViews[kind];
  return (
    <span className="module-icon" aria-hidden="true" style={{ background: color }}>
      <Icon size={size} strokeWidth={2.25} color="#fff" />
    </span>
  );
}
