import { z } from 'zod';
import { conditionModule } from './condition/conditionModule';
import { endModule } from './end/endModule';
import { messageModule } from './message/messageModule';
import type { ModuleDefinition } from './ModuleDefinition';
import { questionModule } from './question/questionModule';
import { setVariableModule } from './set-variable/setVariableModule';
import { startModule } from './start/startModule';
import { webServiceModule } from './web-service/webServiceModule';

/**
 * The module registry: one entry per kind. Adding a kind means a folder under `src/modules/`,
 * one line here and one in `moduleViews.ts`; the compiler points at anything else missing.
 */
const moduleDefinitionsByKind = {
  start: startModule,
  message: messageModule,
  question: questionModule,
  'set-variable': setVariableModule,
  condition: conditionModule,
  'web-service': webServiceModule,
  end: endModule,
};

export type ModuleKind = keyof typeof moduleDefinitionsByKind;

export type ModuleDataByKind = {
  [K in ModuleKind]: (typeof moduleDefinitionsByKind)[K] extends ModuleDefinition<K, infer Data>
    ? Data
    : never;
};

export const moduleDefinitions: { [K in ModuleKind]: ModuleDefinition<K, ModuleDataByKind[K]> } =
  moduleDefinitionsByKind;

export function isModuleKind(value: unknown): value is ModuleKind {
  return typeof value === 'string' && Object.hasOwn(moduleDefinitions, value);
}

/** Whether a chat enters the flow at this node (a Start module). */
export function isEntryNode(node: { type: ModuleKind }): boolean {
  return moduleDefinitions[node.type].isEntry;
}

export const moduleKinds: ModuleKind[] = Object.keys(moduleDefinitions).filter(isModuleKind);

/** Canvas coordinates stay within ±this: far beyond any real flow, small enough to draw. */
export const coordinateLimit = 1_000_000;
const coordinateMessage = 'Coordinates must lie within ±1,000,000';
const coordinateSchema = z
  .number()
  .min(-coordinateLimit, coordinateMessage)
  .max(coordinateLimit, coordinateMessage);
export const positionSchema = z.object({ x: coordinateSchema, y: coordinateSchema });

export const moduleNameMaxLength = 80;

/** A module's own name, as the author types it: surrounding blanks go, a blank name is no name. */
export const moduleNameSchema = z
  .string()
  .trim()
  .max(moduleNameMaxLength, `A module name has at most ${moduleNameMaxLength} characters`)
  .transform((name) => name || undefined);

function nodeSchemaOf<K extends ModuleKind>(definition: ModuleDefinition<K, ModuleDataByKind[K]>) {
  return z.object({
    id: z.string().min(1, 'Node id must not be empty'),
    name: moduleNameSchema.optional(),
    type: z.literal(definition.kind),
    position: positionSchema,
    data: definition.dataSchema.prefault({}),
  });
}

/** A node as the flow file stores it: `type` is the module kind, `data` its configuration. */
export const flowNodeSchema = z.discriminatedUnion(
  'type',
  [
    nodeSchemaOf(moduleDefinitions.start),
    nodeSchemaOf(moduleDefinitions.message),
    nodeSchemaOf(moduleDefinitions.question),
    nodeSchemaOf(moduleDefinitions['set-variable']),
    nodeSchemaOf(moduleDefinitions.condition),
    nodeSchemaOf(moduleDefinitions['web-service']),
    nodeSchemaOf(moduleDefinitions.end),
  ],
  {
    error: (issue) =>
      issue.code === 'invalid_union'
        ? `Unknown module kind ${JSON.stringify(readType(issue.input))}; known kinds: ${moduleKinds.join(', ')}`
        : undefined,
  },
);

function readType(input: unknown): unknown {
  return typeof input === 'object' && input !== null && 'type' in input ? input.type : input;
}

export type FlowNode = z.output<typeof flowNodeSchema>;
type FlowNodeKindsCovered = FlowNode['type'];
// Fails to compile when a registered kind is missing from flowNodeSchema above.
const everyKindHasANodeSchema: Exclude<ModuleKind, FlowNodeKindsCovered> extends never
  ? true
  : never = true;
void everyKindHasANodeSchema;

/** Default configuration of a kind, as a new node gets it. */
export function defaultDataOf<K extends ModuleKind>(kind: K): ModuleDataByKind[K] {
  return moduleDefinitions[kind].dataSchema.parse({});
}
