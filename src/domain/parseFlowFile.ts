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

export type ParseFlowFileResult =
  { ok: true; flow: FlowDocument } | { ok: false; errors: FlowFileError[] };

/** Reads a flow file's text: JSON, schema version, shape and graph, with every error located. */
export function parseFlowFile(text: string): ParseFlowFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, errors: [{ where: '', message: `The file is not valid JSON: ${reason}` }] };
  }
  return parseFlowDocument(json);
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
