import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createEmptyFlow } from '../domain/createFlows';
import type { FlowDocument } from '../domain/flowDocumentSchema';
import { newId } from '../domain/newId';
import { flowFileLimits, type FlowFileError } from '../domain/parseFlowFile';
import { uniqueFlowName } from '../domain/uniqueFlowName';
import type { FlowStore } from '../store/createFlowStore';
import type { FlowRepository } from './flowRepository';
import type { Autosave } from './createAutosave';
import { useRef, useState } from 'react';
import { importFlowFile } from './importFlowFile';
import { importProgress, type ImportProgress } from './importProgress';
import { readFlowFileInWorker } from './readFlowFileInWorker';

export const flowsQueryKey = ['flows'] as const;

/** A message for the author about something that went wrong, with where and why. */
export interface Notice {
  title: string;
  details: string[];
  /** `info` tells rather than warns; `tidy-up` offers the Tidy up button. */
  tone?: 'error' | 'info';
  action?: 'tidy-up';
}

/** An import under way: which file, and how far it is. */
export interface ImportInProgress {
  fileName: string;
  progress: ImportProgress;
}

export class NoticeError extends Error {
  constructor(readonly notice: Notice) {
    super(notice.title);
  }
}

function changedInAnotherTab(flow: FlowDocument): Notice {
  return {
    title: `${flow.name} was changed in another tab; nothing was overwritten`,
    details: ['Open it again to see the newer version.'],
  };
}

function describeFileErrors(errors: FlowFileError[]): string[] {
  return errors.map((error) => (error.where ? `${error.where}: ${error.message}` : error.message));
}

/**
 * The flows kept in the browser: list, open, create, rename, duplicate, delete, import.
 * Every operation that leaves the open flow writes its pending changes first.
 */
export function useFlowLibrary(
  repository: FlowRepository,
  store: FlowStore,
  autosave: Autosave,
  /** Told before a flow is deleted, so what else belongs to it (test benches) goes too. */
  onFlowDeleted: (flowId: string) => void = () => undefined,
) {
  const queryClient = useQueryClient();
  const flows = useQuery({ queryKey: flowsQueryKey, queryFn: () => repository.listFlows() });
  const refreshList = () => queryClient.invalidateQueries({ queryKey: flowsQueryKey });

  const loadOrThrow = async (id: string): Promise<FlowDocument> => {
    if (id === store.getState().flowId) await autosave.flush();
    const loaded = await repository.loadFlow(id);
    if (loaded.ok) return loaded.flow;
    throw new NoticeError({
      title: loaded.reason === 'missing' ? 'That flow no longer exists' : 'That flow is damaged',
      details: loaded.reason === 'damaged' ? [loaded.message] : [],
    });
  };

  /** Writes a flow; another tab's newer save of it is not overwritten but reported. */
  const saveOrThrow = async (flow: FlowDocument) => {
    const saved = await repository.saveFlow(flow);
    if (!saved.ok) throw new NoticeError(changedInAnotherTab(flow));
  };

  /** Names of the flows kept, the open one as it is now (a rename may not be saved yet). */
  const flowNamesInUse = async (): Promise<string[]> => {
    const { flowId, name } = store.getState();
    const kept = await repository.listFlows();
    return [name, ...kept.filter((flow) => flow.id !== flowId).map((flow) => flow.name)];
  };

  const show = async (flow: FlowDocument) => {
    await autosave.flush();
    store.getState().loadFlow(flow);
    await repository.writeLastOpenFlowId(flow.id);
  };

  const openFlow = useMutation({
    mutationFn: async (id: string) => {
      // The open flow is already on screen; reloading it would throw away undo history.
      if (id === store.getState().flowId) return;
      // This tab's unwritten changes of that flow go to storage first; opening the stored one
      // while they could not be written would drop them.
      await autosave.flush();
      if (autosave.unsavedFlow(id) !== null && !autosave.isStale(id)) {
        throw new NoticeError({
          title: "Couldn't open that flow yet",
          details: [
            'Your latest changes to it are not saved yet (see the save status); Flowbench keeps retrying. Open it again once they are saved.',
          ],
        });
      }
      await show(await loadOrThrow(id));
    },
    onSettled: refreshList,
  });

  const createFlow = useMutation({
    mutationFn: async (name: string) => {
      const flow = createEmptyFlow(uniqueFlowName(name, await flowNamesInUse()));
      await saveOrThrow(flow);
      await show(flow);
    },
    onSettled: refreshList,
  });

  const renameFlow = useMutation({
    mutationFn: async ({ id, name }: { id: string; name: string }) => {
      if (id === store.getState().flowId) {
        store.getState().renameFlow(name);
        await autosave.flush();
        return;
      }
      await saveOrThrow({ ...(await loadOrThrow(id)), name });
    },
    onSettled: refreshList,
  });

  const duplicateFlow = useMutation({
    mutationFn: async (id: string) => {
      const original = await loadOrThrow(id);
      await saveOrThrow({
        ...original,
        id: newId('flow'),
        name: uniqueFlowName(`${original.name} (copy)`, await flowNamesInUse()),
      });
    },
    onSettled: refreshList,
  });

  const deleteFlow = useMutation({
    mutationFn: async (id: string) => {
      const isOpen = id === store.getState().flowId;
      if (isOpen) await autosave.flush();
      autosave.forgetFlow(id);
      onFlowDeleted(id);
      await repository.deleteFlow(id);
      if (!isOpen) return;
      const next = (await repository.listFlows())[0];
      if (next) await show(await loadOrThrow(next.id));
      else {
        const flow = createEmptyFlow('Untitled flow');
        await saveOrThrow(flow);
        await show(flow);
      }
    },
    onSettled: refreshList,
  });

  const [importing, setImporting] = useState<ImportInProgress | null>(null);
  const importCancel = useRef<AbortController | null>(null);

  const importFlow = useMutation({
    /** Resolves to a notice to show when the imported modules overlap (offering Tidy up). */
    mutationFn: async (file: File): Promise<Notice | null> => {
      const refused = (details: string[]) =>
        new NoticeError({
          title: `Couldn't import ${file.name}; the open flow is unchanged`,
          details,
        });
      // A character takes at most four bytes in UTF-8, so a file beyond four bytes per allowed
      // character holds too many: refuse it before reading it whole could take the tab down.
      if (file.size > flowFileLimits.fileChars * 4) {
        throw refused([
          `The file is too large (${file.size.toLocaleString('en')} bytes); a flow file may have at most ${flowFileLimits.fileChars.toLocaleString('en')} characters`,
        ]);
      }
      // A second import replaces one still running.
      importCancel.current?.abort();
      const cancel = new AbortController();
      importCancel.current = cancel;
      const onProgress = (progress: ImportProgress) => {
        if (!cancel.signal.aborted) setImporting({ fileName: file.name, progress });
      };
      onProgress(importProgress('reading'));
      try {
        const read = readFlowFileInWorker(file, { signal: cancel.signal, onProgress }).catch(
          (error: unknown) => {
            throw refused([error instanceof Error ? error.message : String(error)]);
          },
        );
        const imported = await importFlowFile(read, {
          repository,
          store,
          autosave,
          signal: cancel.signal,
          onProgress,
        });
        if (!imported.ok) {
          if (imported.reason === 'cancelled') return null;
          throw imported.reason === 'invalid-file'
            ? refused(describeFileErrors(imported.errors))
            : new NoticeError(changedInAnotherTab(imported.flow));
        }
        const { flow } = imported;
        return imported.modulesOverlap
          ? {
              title: `Some modules of ${flow.name} lie on top of each other`,
              details: ['Tidy up lays the flow out top to bottom; Undo puts them back.'],
              tone: 'info',
              action: 'tidy-up',
            }
          : null;
      } finally {
        if (importCancel.current === cancel) {
          importCancel.current = null;
          setImporting(null);
        }
      }
    },
    onSettled: refreshList,
  });

  /** Stops the running import; it can only be stopped while nothing is stored yet. */
  const cancelImport = () => {
    importCancel.current?.abort();
    importCancel.current = null;
    setImporting(null);
  };

  return {
    flows,
    openFlow,
    createFlow,
    renameFlow,
    duplicateFlow,
    deleteFlow,
    importFlow,
    importing,
    cancelImport,
  };
}

export type FlowLibrary = ReturnType<typeof useFlowLibrary>;

/** The notice for a failed library operation, for display. */
export function noticeOf(error: unknown): Notice {
  if (error instanceof NoticeError) return error.notice;
  return {
    title: 'Something went wrong with the browser storage',
    details: [error instanceof Error ? error.message : String(error)],
  };
}
