/** What every module's inspector form receives. */
export interface InspectorProps<Data> {
  nodeId: string;
  data: Data;
  /**
   * Applies part of the configuration. Edits typed into one text field pass its `field` name,
   * which groups them by word into undo steps; discrete actions (add, remove, choose) pass
   * none and are one step each.
   */
  update: (patch: Partial<Data>, field?: string) => void;
}
