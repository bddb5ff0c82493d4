import { moduleTextMaxChars } from './moduleTextSchema';
import {
  currentSchemaVersion,
  graphIssuesOfRawFile,
  flowDocumentSchema,
  type FlowDocument,
} from './flowDocumentSchema';

export interface FlowFileError {
  /** Where in the file, e.g. `nodes[2] (id "ask-email").data.variable`; empty for the whole file. */
  where: string;
  message: string;
}

/**
 * What a flow file may hold, so a hostile or broken file is refused with a message instead of
 * taking the tab down: far beyond any flow an author builds by hand, yet room for the 50,000
 * modules a generated flow may have (parsed off the main thread, see `flowFileWorker.ts`), even
 * exported with indentation (about 20 million characters at 50,000 modules).
 */
export const flowFileLimits = {
  /** Characters of the whole file (about 50 MB). */
  fileChars: 50_000_000,
  /** Arrays and objects inside each other; a flow needs about 6. */
  nestingDepth: 64,
  nodes: 50_000,
  /** A module has one edge in on average; conditions have more out, so twice the modules. */
  edges: 100_000,
  /** Characters of any one text in the file (names, texts, prompts, values, URLs, …). */
  stringChars: moduleTextMaxChars,
} as const;

export type ParseFlowFileResult =
  { ok: true; flow: FlowDocument } | { ok: false; errors: FlowFileError[] };

/** Reads a flow file's text: JSON, schema version, shape and graph, with every error located. */
export function parseFlowFile(text: string): ParseFlowFileResult {
  const refuse = (message: string): ParseFlowFileResult => ({
    ok: false,
    errors: [{ where: '', message }],
  });
  if (text.length > flowFileLimits.fileChars) {
    return refuse(
      `The file is too large (${text.length.toLocaleString('en')} characters); a flow file may have at most ${flowFileLimits.fileChars.toLocaleString('en')}`,
    );
  }
  if (nestingDepthOf(text) > flowFileLimits.nestingDepth) {
    return refuse(
      `The file nests arrays or objects more than ${flowFileLimits.nestingDepth} levels deep; a flow file is much flatter`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`The file is not valid JSON: ${reason}`);
  }
  return parseFlowDocument(json);
}

/** How deep `[` and `{` nest in JSON text, brackets inside strings aside; linear, no recursion. */
function nestingDepthOf(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1;
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) depth -= 1;
  }
  return deepest;
}

/** The first text longer than the limit, with where it is; `value` is at most 64 levels deep. */
function findOverlongString(value: unknown, path: PropertyKey[] = []): PropertyKey[] | null {
  if (typeof value === 'string') return value.length > flowFileLimits.stringChars ? path : null;
  if (typeof value !== 'object' || value === null) return null;
  for (const [key, inner] of Object.entries(value)) {
    if (key.length > flowFileLimits.stringChars) return path;
    const found = findOverlongString(inner, [...path, Array.isArray(value) ? Number(key) : key]);
    if (found) return found;
  }
  return null;
}

function countLimitError(json: object, field: 'nodes' | 'edges'): FlowFileError | null {
  const count = arrayField(json, field).length;
  const limit = flowFileLimits[field];
  return count > limit
    ? {
        where: field,
        message: `The file has ${count.toLocaleString('en')} ${field}; a flow may have at most ${limit.toLocaleString('en')}`,
      }
    : null;
}

export function parseFlowDocument(json: unknown): ParseFlowFileResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      errors: [
        {
          where: '',
          message: 'A flow file holds one JSON object with schemaVersion, nodes, edges',
        },
      ],
    };
  }
  // React Flow's own `toObject()` writes `{ nodes, edges, viewport }` and no version: its
  // nodes and edges are what schemaVersion 1 holds, so it reads as that.
  if (!('schemaVersion' in json) && isReactFlowObject(json)) {
    return parseFlowDocument({ ...json, schemaVersion: currentSchemaVersion });
  }
  if (!('schemaVersion' in json)) {
    return {
      ok: false,
      errors: [
        {
          where: 'schemaVersion',
          message: `Missing schemaVersion; this Flowbench reads schemaVersion ${currentSchemaVersion}`,
        },
      ],
    };
  }
  if (json.schemaVersion !== currentSchemaVersion) {
    return {
      ok: false,
      errors: [
        {
          where: 'schemaVersion',
          message: `Unsupported schemaVersion ${JSON.stringify(json.schemaVersion)}; this Flowbench reads schemaVersion ${currentSchemaVersion}`,
        },
      ],
    };
  }
  const tooMany = [countLimitError(json, 'nodes'), countLimitError(json, 'edges')].filter(
    (error) => error !== null,
  );
  if (tooMany.length > 0) return { ok: false, errors: tooMany };
  const overlong = findOverlongString(json);
  if (overlong) {
    return {
      ok: false,
      errors: [
        {
          where: describeLocation(overlong, json),
          message: `Text longer than ${flowFileLimits.stringChars.toLocaleString('en')} characters; a flow file keeps texts shorter`,
        },
      ],
    };
  }
  const parsed = flowDocumentSchema.safeParse(json);
  if (parsed.success) return { ok: true, flow: parsed.data };
  const issues: { path: PropertyKey[]; message: string }[] = parsed.error.issues;
  // zod skips the graph checks when a field is malformed; run them on the raw file as well.
  const graphIssues = graphIssuesOfRawFile(arrayField(json, 'nodes'), arrayField(json, 'edges'));
  const seen = new Set(issues.map((issue) => `${issue.path.join('.')}\u0000${issue.message}`));
  const extra = graphIssues.filter(
    (issue) => !seen.has(`${issue.path.join('.')}\u0000${issue.message}`),
  );
  return {
    ok: false,
    errors: [...issues, ...extra].map((issue) => ({
      where: describeLocation(issue.path, json),
      message: issue.message,
    })),
  };
}

function arrayField(json: object, field: string): unknown[] {
  const value: unknown = Object.entries(json).find(([key]) => key === field)?.[1];
  return Array.isArray(value) ? value : [];
}

function describeLocation(path: readonly PropertyKey[], json: object): string {
  let where = '';
  let cursor: unknown = json;
  for (const segment of path) {
    if (typeof segment === 'number') {
      where += `[${segment}]`;
      cursor = Array.isArray(cursor) ? cursor[segment] : undefined;
      const id = readId(cursor);
      if (id !== undefined) where += ` (id ${JSON.stringify(id)})`;
    } else {
      const key = String(segment);
      where += where ? `.${key}` : key;
      cursor =
        typeof cursor === 'object' && cursor !== null && key in cursor
          ? Object.entries(cursor).find(([entryKey]) => entryKey === key)?.[1]
          : undefined;
    }
  }
  return where;
}

function readId(value: unknown): unknown {
  return typeof value === 'object' && value !== null && 'id' in value ? value.id : undefined;
}

/** What React Flow's `toObject()` returns: `nodes`, `edges` and a `viewport` object. */
function isReactFlowObject(json: object): boolean {
  return (
    'viewport' in json &&
    typeof json.viewport === 'object' &&
    json.viewport !== null &&
    'nodes' in json &&
    Array.isArray(json.nodes) &&
    'edges' in json &&
    Array.isArray(json.edges)
  );
}
