import type { NodeTypes } from '@xyflow/react';
import { moduleKinds } from '../modules/moduleDefinitions';
import { createModuleNodeComponent } from './createModuleNodeComponent';

/** One node component per module kind, built once at module level as React Flow requires. */
export const nodeTypes = Object.fromEntries(
  moduleKinds.map((kind) => [kind, createModuleNodeComponent(kind)]),
) satisfies NodeTypes;
