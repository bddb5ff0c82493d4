import { z } from 'zod';

const channelName = 'flowbench-test-values';

/** Parsed: another tab may run an older or newer Flowbench. */
const testValuesSavedSchema = z.object({
  type: z.literal('test-values-saved'),
  flowId: z.string(),
  nodeId: z.string(),
  revision: z.int(),
});
export type TestValuesSaved = z.infer<typeof testValuesSavedSchema>;

export interface TestValuesChannel {
  /** Tells the other tabs (not this channel's own listener) that values were written. */
  announce: (saved: Omit<TestValuesSaved, 'type'>) => void;
  close: () => void;
}

/**
 * The tabs of this browser telling each other which test values they wrote, so one without
 * unsaved edits of that module can show the newer ones. Does nothing where BroadcastChannel is
 * missing.
 */
export function openTestValuesChannel(
  onSaved: (saved: TestValuesSaved) => void,
): TestValuesChannel {
  if (typeof BroadcastChannel === 'undefined')
    return { announce: () => undefined, close: () => undefined };
  const channel = new BroadcastChannel(channelName);
  channel.onmessage = (event: MessageEvent) => {
    const message = testValuesSavedSchema.safeParse(event.data);
    if (message.success) onSaved(message.data);
  };
  return {
    announce: (saved) => channel.postMessage({ type: 'test-values-saved', ...saved }),
    close: () => channel.close(),
  };
}
