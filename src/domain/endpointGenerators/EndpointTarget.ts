import type { EndpointContract } from './endpointContractOf';

export type GeneratedFileLanguage = 'javascript' | 'json' | 'markdown';

/** One file of a generated endpoint project, its path relative to the project's root. */
export interface GeneratedFile {
  path: string;
  language: GeneratedFileLanguage;
  content: string;
}

/** A platform a WebService endpoint can be generated for. */
export interface EndpointTarget {
  label: string;
  /** The language the function is written in: room for a Python target beside the Node ones. */
  runtime: 'Node.js';
  /** The function, its package manifest, a README (run locally, deploy) and a test. */
  generate: (contract: EndpointContract) => GeneratedFile[];
}
