import { currentSchemaVersion, type FlowDocument } from '../src/domain/flowDocumentSchema';
import type { FlowNode } from '../src/modules/moduleDefinitions';

/**
 * A flow of `moduleCount` modules shaped like real ones: questions, messages with placeholders,
 * WebServices, and every tenth a condition whose two branches join again.
 */
export function createLargeFlow(moduleCount: number): FlowDocument {
  const nodes: FlowNode[] = [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} }];
  const edges: FlowDocument['edges'] = [];
  let previous = 'start';
  const link = (source: string, target: string, sourceHandle = 'out') =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target });

  for (let index = 1; nodes.length < moduleCount - 1; index += 1) {
    const id = `n${index}`;
    const position = { x: (index % 20) * 260, y: Math.floor(index / 20) * 160 };
    const roomForBranch = nodes.length + 4 <= moduleCount - 1;
    if (index % 10 === 0 && roomForBranch) {
      nodes.push({
        id,
        type: 'condition',
        position,
        data: {
          rules: [{ id: 'r', variable: `answer_${index - 1}`, operator: 'equals', value: 'yes' }],
        },
      });
      const yes = `${id}-yes`;
      const no = `${id}-no`;
      nodes.push({
        id: yes,
        type: 'message',
        position,
        data: { text: `Yes {{answer_${index - 1}}}` },
      });
      nodes.push({ id: no, type: 'message', position, data: { text: 'No' } });
      link(previous, id);
      link(id, yes, 'r');
      link(id, no, 'else');
      const join = `${id}-join`;
      nodes.push({
        id: join,
        type: 'set-variable',
        position,
        data: { assignments: [{ id: 'a', variable: `joined_${index}`, value: '1' }] },
      });
      link(yes, join);
      link(no, join);
      previous = join;
    } else if (index % 7 === 0) {
      nodes.push({
        id,
        type: 'web-service',
        position,
        data: {
          url: 'https://api.example.org/hook',
          authorization: '',
          useRequestQueue: false,
          expectedVariables: [`ws_${index}`],
          requiredVariables: [],
        },
      });
      link(previous, id);
      previous = id;
    } else {
      nodes.push({
        id,
        type: 'question',
        position,
        data: {
          prompt: `Question ${index}?`,
          variable: `answer_${index}`,
          inputType: 'text',
          options: [],
        },
      });
      link(previous, id);
      previous = id;
    }
  }
  nodes.push({ id: 'end', type: 'end', position: { x: 0, y: 0 }, data: {} });
  link(previous, 'end');
  return {
    schemaVersion: currentSchemaVersion,
    id: 'flow-large',
    name: 'Large flow',
    nodes,
    edges,
  };
}
