import { describe, expect, it } from 'vitest';
import { combineSaveStatuses } from './combineSaveStatuses';

describe('combineSaveStatuses', () => {
  const failed = { state: 'failed', message: 'The disk is full', attempt: 1, retryInMs: 1000 };

  it('says saved only when everything is saved', () => {
    expect(combineSaveStatuses({ state: 'saved' }, { state: 'saved' })).toEqual({
      state: 'saved',
    });
    expect(combineSaveStatuses({ state: 'saved' }, { state: 'pending' })).toEqual({
      state: 'pending',
    });
  });

  it('shows a failed test-bench write even while the flow is saved', () => {
    expect(combineSaveStatuses({ state: 'saved' }, { ...failed, state: 'failed' })).toEqual(failed);
  });

  it('puts a conflict with another tab above a failure', () => {
    expect(
      combineSaveStatuses(
        { state: 'conflict', flowId: 'f', reason: 'changed' },
        { ...failed, state: 'failed' },
      ),
    ).toEqual({ state: 'conflict', flowId: 'f', reason: 'changed' });
  });
});
