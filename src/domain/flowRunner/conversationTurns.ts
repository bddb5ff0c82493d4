import { chatReplyBudgetMs } from '../webservice/webServiceContract';
import type { ConversationTurn, TurnCall } from './flowRunState';

/**
 * The chat's turns as they happen: each customer message opens one (the conversation's start
 * opens turn 0), bot messages end the silences, and the longest silence is weighed against the
 * chat UI's budget. Times are on the conversation's axis, in ms.
 */
export interface ConversationTurns {
  /** The index of the turn under way. */
  currentIndex(): number;
  /** Opens the next turn with the customer's message. */
  begin(customerMessage: string, atMs: number): void;
  botReplied(atMs: number): void;
  /** A WebService call of the turn, as a waterfall bar. */
  addCall(
    call: Omit<TurnCall, 'startOffsetMs' | 'endOffsetMs'>,
    startMs: number,
    endMs: number,
  ): void;
  /** The chat rests: the silence up to now counts, and the turn is over. */
  close(atMs: number): void;
  snapshot(): ConversationTurn[];
}

interface OpenTurn {
  index: number;
  customerMessage: string | null;
  startMs: number;
  endMs: number | null;
  calls: TurnCall[];
  replyWaitMs: number | null;
  longestWaitMs: number;
  lastReplyMs: number;
}

export function createConversationTurns(): ConversationTurns {
  const turns: OpenTurn[] = [openTurn(0, null, 0)];
  const current = (): OpenTurn => {
    const turn = turns[turns.length - 1];
    if (!turn) throw new Error('A conversation always has a turn');
    return turn;
  };
  return {
    currentIndex: () => current().index,
    begin: (customerMessage, atMs) => {
      turns.push(openTurn(turns.length, customerMessage, atMs));
    },
    botReplied: (atMs) => {
      const turn = current();
      turn.longestWaitMs = Math.max(turn.longestWaitMs, atMs - turn.lastReplyMs);
      turn.lastReplyMs = atMs;
      turn.replyWaitMs ??= atMs - turn.startMs;
    },
    addCall: (call, startMs, endMs) => {
      const turn = current();
      turn.calls.push({
        ...call,
        startOffsetMs: startMs - turn.startMs,
        endOffsetMs: endMs - turn.startMs,
      });
    },
    close: (atMs) => {
      const turn = current();
      if (turn.endMs !== null) return;
      turn.longestWaitMs = Math.max(turn.longestWaitMs, atMs - turn.lastReplyMs);
      turn.endMs = atMs;
    },
    snapshot: () =>
      turns.map((turn) => ({
        index: turn.index,
        customerMessage: turn.customerMessage,
        startMs: turn.startMs,
        endMs: turn.endMs,
        calls: [...turn.calls],
        replyWaitMs: turn.replyWaitMs,
        longestWaitMs: turn.longestWaitMs,
        exceedsBudget: turn.longestWaitMs > chatReplyBudgetMs,
      })),
  };
}

function openTurn(index: number, customerMessage: string | null, startMs: number): OpenTurn {
  return {
    index,
    customerMessage,
    startMs,
    endMs: null,
    calls: [],
    replyWaitMs: null,
    longestWaitMs: 0,
    lastReplyMs: startMs,
  };
}
