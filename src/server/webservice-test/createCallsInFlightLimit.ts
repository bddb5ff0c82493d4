/** How many WebService test calls may run at once. */
export interface CallsInFlightCaps {
  perServer: number;
  perSession: number;
}

export const defaultCallsInFlightCaps: CallsInFlightCaps = { perServer: 50, perSession: 10 };

export type CallSlot = { granted: true; release: () => void } | { granted: false; reason: string };

/**
 * Counts calls in flight per server and per page session, so one page (or many) cannot open
 * an unbounded number of upstream sockets. A refused call never reaches the upstream.
 */
export function createCallsInFlightLimit(caps: CallsInFlightCaps = defaultCallsInFlightCaps) {
  let inFlight = 0;
  const perSession = new Map<string, number>();
  return {
    acquire(session: string): CallSlot {
      const sessionCount = perSession.get(session) ?? 0;
      if (inFlight >= caps.perServer) {
        return {
          granted: false,
          reason: `Too many test calls at once: this server runs at most ${caps.perServer}. Try again when one has finished.`,
        };
      }
      if (sessionCount >= caps.perSession) {
        return {
          granted: false,
          reason: `Too many test calls at once: a page may run at most ${caps.perSession}. Try again when one has finished.`,
        };
      }
      inFlight += 1;
      perSession.set(session, sessionCount + 1);
      let released = false;
      return {
        granted: true,
        release: () => {
          if (released) return;
          released = true;
          inFlight -= 1;
          const left = (perSession.get(session) ?? 1) - 1;
          if (left === 0) perSession.delete(session);
          else perSession.set(session, left);
        },
      };
    },
  };
}
