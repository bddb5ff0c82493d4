import { demoCrmLookupPath } from './webservice/demoEndpointPaths';
import { defaultDataOf } from '../modules/moduleDefinitions';
import { currentSchemaVersion, type FlowDocument } from './flowDocumentSchema';
import { defaultFlowSettings } from './flowSettingsSchema';
import { newId } from './newId';

export const demoFlowName = 'NPS survey with CRM lookup';

/** A new flow: just its Start module. */
export function createEmptyFlow(name: string): FlowDocument {
  return {
    schemaVersion: currentSchemaVersion,
    id: newId('flow'),
    name,
    settings: defaultFlowSettings,
    nodes: [{ id: 'start', type: 'start', position: { x: 0, y: 0 }, data: defaultDataOf('start') }],
    edges: [],
  };
}

/**
 * The flow seeded on first start. Its WebService calls the app's own demo endpoint,
 * so `appOrigin` is where this Flowbench is served.
 */
export function createDemoFlow(appOrigin: string): FlowDocument {
  const column = 0;
  const row = (index: number) => ({ x: column, y: index * 165 });
  return {
    schemaVersion: currentSchemaVersion,
    id: newId('flow'),
    name: demoFlowName,
    settings: defaultFlowSettings,
    nodes: [
      { id: 'start', type: 'start', position: row(0), data: {} },
      {
        id: 'welcome',
        name: 'Welcome',
        type: 'message',
        position: row(1),
        data: { text: 'Hi! Two quick questions about your last order.' },
      },
      {
        id: 'ask-email',
        name: 'Ask for email',
        type: 'question',
        position: row(2),
        data: {
          prompt: 'What is your email address?',
          variable: 'email',
          inputType: 'email',
          options: [],
          personalData: false,
        },
      },
      {
        id: 'ask-nps',
        name: 'Ask NPS',
        type: 'question',
        position: row(3),
        data: {
          prompt: 'How likely are you to recommend us to a friend?',
          variable: 'nps_score',
          inputType: 'nps',
          options: [],
          personalData: false,
        },
      },
      {
        id: 'crm-lookup',
        name: 'CRM lookup',
        type: 'web-service',
        position: row(4),
        data: {
          url: new URL(demoCrmLookupPath, appOrigin).href,
          authorization: '',
          useRequestQueue: false,
          expectedVariables: ['firstname', 'lastname', 'customer_tier'],
          requiredVariables: ['email'],
        },
      },
      {
        id: 'is-gold',
        name: 'Gold customer?',
        type: 'condition',
        position: row(5),
        data: {
          rules: [{ id: 'gold', variable: 'customer_tier', operator: 'equals', value: 'gold' }],
        },
      },
      {
        id: 'thanks-gold',
        name: 'Thank gold customer',
        type: 'message',
        position: { x: column - 170, y: 6 * 165 },
        data: { text: 'Thank you, {{firstname}}! As a gold customer your next delivery is on us.' },
      },
      {
        id: 'thanks-other',
        name: 'Thank customer',
        type: 'message',
        position: { x: column + 170, y: 6 * 165 },
        data: { text: 'Thank you for your feedback!' },
      },
      { id: 'end', type: 'end', position: row(7), data: {} },
    ],
    edges: [
      { id: 'e-start-welcome', source: 'start', sourceHandle: 'out', target: 'welcome' },
      { id: 'e-welcome-email', source: 'welcome', sourceHandle: 'out', target: 'ask-email' },
      { id: 'e-email-nps', source: 'ask-email', sourceHandle: 'out', target: 'ask-nps' },
      { id: 'e-nps-crm', source: 'ask-nps', sourceHandle: 'out', target: 'crm-lookup' },
      { id: 'e-crm-gold', source: 'crm-lookup', sourceHandle: 'out', target: 'is-gold' },
      { id: 'e-gold-thanks', source: 'is-gold', sourceHandle: 'gold', target: 'thanks-gold' },
      { id: 'e-else-thanks', source: 'is-gold', sourceHandle: 'else', target: 'thanks-other' },
      { id: 'e-gold-end', source: 'thanks-gold', sourceHandle: 'out', target: 'end' },
      { id: 'e-other-end', source: 'thanks-other', sourceHandle: 'out', target: 'end' },
    ],
  };
}
