import { currentSchemaVersion, type FlowDocument } from '../src/domain/flowDocumentSchema';
import type { FlowNode } from '../src/modules/moduleDefinitions';

/** Grid cells wide; each module takes the next cell, so no two modules overlap. */
const columns = 20;
const cellWidth = 300;
const cellHeight = 220;

/**
 * A flow of exactly `moduleCount` modules (at least 2) shaped like real ones: every kind, named
 * modules, messages with placeholders, questions of every input type (choices with options),
 * WebServices with authorization and expected variables, assignments, and every tenth step a
 * condition with two rules and else whose three branches join again. Modules fill a grid row
 * by row in flow order, as a tidied flow reads. For the privacy checks: every fourth question
 * is marked personal data, every 49th step's WebService uses plain http, and the flow lists
 * approved hosts.
 */
export function createLargeFlow(moduleCount: number): FlowDocument {
  const nodes: FlowNode[] = [];
  const edges: FlowDocument['edges'] = [];
  const place = (node: FlowNode): string => {
    nodes.push(node);
    return node.id;
  };
  const nextCell = () => ({
    x: (nodes.length % columns) * cellWidth,
    y: Math.floor(nodes.length / columns) * cellHeight,
  });
  const link = (source: string, target: string, sourceHandle = 'out') =>
    edges.push({ id: `e${edges.length}`, source, sourceHandle, target });

  let previous = place({ position: nextCell(), id: 'start', type: 'start', data: {} });
  const token = place({
    position: nextCell(),
    id: 'token',
    type: 'set-variable',
    name: 'API token',
    data: {
      assignments: [{ id: 'a', variable: 'api_token', value: 'demo-token', personalData: false }],
    },
  });
  link(previous, token);
  previous = token;
  let lastAnswer = 'firstname';
  for (let step = 1; nodes.length < moduleCount - 1; step += 1) {
    const id = `n${step}`;
    const roomForBranch = nodes.length + 5 <= moduleCount - 1;
    if (step % 10 === 0 && roomForBranch) {
      place({
        position: nextCell(),
        id,
        type: 'condition',
        name: `Route ${step}`,
        data: {
          rules: [
            { id: 'yes', variable: lastAnswer, operator: 'equals', value: 'yes' },
            { id: 'maybe', variable: lastAnswer, operator: 'contains', value: 'maybe' },
          ],
        },
      });
      link(previous, id);
      const yes = place({
        position: nextCell(),
        id: `${id}-yes`,
        type: 'message',
        data: { text: `Great, {{${lastAnswer}}}! We will follow up.` },
      });
      const maybe = place({
        position: nextCell(),
        id: `${id}-maybe`,
        type: 'set-variable',
        data: {
          assignments: [
            { id: 'a', variable: `undecided_${step}`, value: 'true', personalData: false },
          ],
        },
      });
      const no = place({
        position: nextCell(),
        id: `${id}-no`,
        type: 'message',
        data: { text: 'No problem.' },
      });
      link(id, yes, 'yes');
      link(id, maybe, 'maybe');
      link(id, no, 'else');
      const join = place({
        position: nextCell(),
        id: `${id}-join`,
        type: 'set-variable',
        name: `Join ${step}`,
        data: {
          assignments: [
            {
              id: 'a',
              variable: `joined_${step}`,
              value: `{{${lastAnswer}}}`,
              personalData: false,
            },
          ],
        },
      });
      link(yes, join);
      link(maybe, join);
      link(no, join);
      previous = join;
      continue;
    }
    if (step % 7 === 0) {
      place({
        position: nextCell(),
        id,
        type: 'web-service',
        name: `CRM lookup ${step}`,
        data: {
          url: `${step % 49 === 0 ? 'http' : 'https'}://api.example.org/crm/${step}/lookup`,
          authorization: 'Bearer {{api_token}}',
          useRequestQueue: step % 14 === 0,
          expectedVariables: [`crm_status_${step}`, `crm_tier_${step}`],
          requiredVariables: [],
        },
      });
    } else if (step % 5 === 0) {
      place({
        position: nextCell(),
        id,
        type: 'message',
        data: { text: `Thanks {{firstname}}, you said {{${lastAnswer}}}. Next topic ${step}.` },
      });
    } else {
      const inputType = (['text', 'email', 'number', 'nps', 'single-choice'] as const)[step % 5];
      lastAnswer = `answer_${step}`;
      place({
        position: nextCell(),
        id,
        type: 'question',
        ...(step % 3 === 0 ? { name: `Ask ${step}` } : {}),
        data: {
          prompt: `Question ${step}: how about {{firstname}}?`,
          variable: lastAnswer,
          inputType: inputType ?? 'text',
          options: inputType === 'single-choice' ? ['yes', 'no', 'maybe later'] : [],
          personalData: step % 4 === 0,
        },
      });
    }
    link(previous, id);
    previous = id;
  }
  place({ position: nextCell(), id: 'end', type: 'end', data: {} });
  link(previous, 'end');
  return {
    schemaVersion: currentSchemaVersion,
    id: `flow-large-${moduleCount}`,
    name: `Large flow (${moduleCount} modules)`,
    settings: { approvedHosts: ['*.example.org'] },
    nodes,
    edges,
  };
}
