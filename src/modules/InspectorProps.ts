/** What every module's inspector form receives. */
export interface InspectorProps<Data> {
  nodeId: string;
  data: Data;
  /** Applies part of the configuration; `field` groups quick edits of one field into one undo step. */
  update: (patch: Partial<Data>, field: string) => void;
}
