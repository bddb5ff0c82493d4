import type { ComponentProps } from 'react';
import { useFlowStore } from '../../store/FlowStoreContext';
import { TextField } from './TextField';
import type { DraftKeeper } from './useValidatedDraft';

type NodeTextFieldProps<T> = Omit<ComponentProps<typeof TextField<T>>, 'keeper'> & {
  nodeId: string;
  /** The field's key within the module, unique per node (`url`, `rules.<rule id>.value`). */
  field: string;
  /** The problems list's sentence for an invalid text; by default `<label> is not valid: <reason>`. */
  invalidProblem?: string;
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/**
 * A module's inspector text field. An invalid text stays in the flow store: it survives blur and
 * reselecting the module, and counts as a problem of the module until the author fixes it.
 */
export function NodeTextField<T>({
  nodeId,
  field,
  invalidProblem,
  ...props
}: NodeTextFieldProps<T>) {
  const kept = useFlowStore((state) => state.invalidFields[nodeId]?.[field]);
  const setInvalidField = useFlowStore((state) => state.setInvalidField);
  const keeper: DraftKeeper = {
    kept,
    keep: (draft) =>
      setInvalidField(nodeId, field, {
        ...draft,
        problem: invalidProblem ?? `${props.label} is not valid: ${lowerFirst(draft.message)}`,
      }),
    drop: () => setInvalidField(nodeId, field, null),
  };
  return <TextField {...props} keeper={keeper} />;
}
