import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestBenchStore, testBenchKey } from '../store/createTestBenchStore';
import { persistTestBenches } from './persistTestBenches';
import { createIndexedDbTestBenchRepository } from './testBenchRepository';
import { type TestBench } from '../domain/webservice/testBenchRecords';

let databaseCount = 0;
const stops: (() => void)[] = [];

afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

/** One browser tab: its own store, repository and autosave on the shared database. */
async function openTab(databaseName: string) {
  const store = createTestBenchStore();
  const repository = createIndexedDbTestBenchRepository(databaseName);
  const autosave = persistTestBenches(store, repository);
  stops.push(autosave.start());
  store.getState().benchLoaded((await repository.load('f', 'n')).bench);
  const bench = () => store.getState().benches[testBenchKey('f', 'n')];
  const edit = async (change: Partial<TestBench>) => {
    store.getState().changeBench('f', 'n', (current) => ({ ...current, ...change }));
    await autosave.flush();
  };
  const notice = () => store.getState().replacedNotices[testBenchKey('f', 'n')];
  return { store, repository, autosave, bench, edit, notice };
}

function twoTabs() {
  databaseCount += 1;
  const databaseName = `flowbench-bench-tabs-${databaseCount}`;
  return Promise.all([openTab(databaseName), openTab(databaseName)]);
}

describe('persistTestBenches in two tabs', () => {
  it('keeps the raw body one tab wrote when a stale tab edits a sample value', async () => {
    const [tabA, tabB] = await twoTabs();

    await tabA.edit({ rawBody: '{"from":"A"}' });
    await tabB.edit({ sampleOverrides: { email: 'b@example.org' } });

    const stored = (
      await createIndexedDbTestBenchRepository(`flowbench-bench-tabs-${databaseCount}`).load(
        'f',
        'n',
      )
    ).bench;
    expect(stored).toMatchObject({
      rawBody: '{"from":"A"}',
      sampleOverrides: { email: 'b@example.org' },
    });
    expect(tabB.bench()).toMatchObject({
      rawBody: '{"from":"A"}',
      sampleOverrides: { email: 'b@example.org' },
    });
    expect(tabB.notice()).toBeUndefined();
  });

  it('keeps the stored value of a field both tabs changed and tells the stale tab', async () => {
    const [tabA, tabB] = await twoTabs();

    await tabA.edit({ rawBody: '{"from":"A"}' });
    await tabB.edit({ rawBody: '{"from":"B"}', timeoutMs: 300 });

    const stored = (await tabA.repository.load('f', 'n')).bench;
    expect(stored).toMatchObject({ rawBody: '{"from":"A"}', timeoutMs: 300 });
    expect(tabB.bench()).toMatchObject({ rawBody: '{"from":"A"}', timeoutMs: 300 });
    expect(tabB.notice()).toBe(
      'Another tab changed these test values; yours for raw body were replaced.',
    );
    expect(tabA.notice()).toBeUndefined();
  });

  it('shows values another tab saved in a tab without unsaved edits of them', async () => {
    const [tabA, tabB] = await twoTabs();

    await tabA.edit({ rawBody: '{"from":"A"}' });

    await vi.waitFor(() => expect(tabB.bench()?.rawBody).toBe('{"from":"A"}'));
    expect(tabB.autosave.hasUnsavedChanges()).toBe(false);
    await tabB.edit({ timeoutMs: 300 });
    expect(tabB.notice()).toBeUndefined();
    expect((await tabA.repository.load('f', 'n')).bench).toMatchObject({
      rawBody: '{"from":"A"}',
      timeoutMs: 300,
      revision: 2,
    });
  });
});
