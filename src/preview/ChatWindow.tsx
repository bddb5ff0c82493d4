import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { FlowRunState } from '../domain/flowRunner/flowRunState';
import { chatReplyBudgetMs } from '../domain/webservice/webServiceContract';
import { formatSeconds } from '../panels/formatSeconds';
import { usePreviewSession } from './PreviewSessionContext';

/**
 * The customer's side of the preview: the conversation, a typing indicator while a WebService
 * call runs, quick replies and the answer box. Shown in the panel and, large, when presenting.
 */
export function ChatWindow({ run }: { run: FlowRunState }) {
  const answer = usePreviewSession((state) => state.answer);
  const [draft, setDraft] = useState('');
  const log = useRef<HTMLOListElement>(null);
  const { status } = run;
  const awaiting = status.kind === 'awaiting-answer' ? status : null;

  useEffect(() => {
    const element = log.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [run.transcript.length, status.kind]);

  const send = (text: string) => {
    if (!awaiting || text.trim() === '') return;
    answer(text);
    setDraft('');
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send(draft);
  };

  return (
    <div className="chat-window">
      <ol ref={log} className="chat-log" role="log" aria-label="Conversation">
        {run.transcript.map((message) => {
          const turn = message.from === 'customer' ? run.turns[message.turn] : undefined;
          return (
            <li
              key={message.id}
              className={`chat-bubble chat-bubble-${message.from}`}
              data-from={message.from}
            >
              <span className="chat-bubble-text">{message.text}</span>
              {turn && turn.replyWaitMs !== null && (
                <span
                  className={`chat-reply-wait${turn.exceedsBudget ? ' chat-reply-wait-over' : ''}`}
                >
                  reply after {formatSeconds(turn.replyWaitMs)} of{' '}
                  {formatSeconds(chatReplyBudgetMs)}
                </span>
              )}
            </li>
          );
        })}
        {status.kind === 'calling-webservice' && (
          <li className="chat-bubble chat-bubble-bot chat-typing">
            <span role="status" aria-label="Bot is typing" className="typing-dots">
              <span />
              <span />
              <span />
            </span>
          </li>
        )}
      </ol>
      {status.kind === 'ended' && (
        <p className="chat-end" role="status">
          The conversation ended: {status.reason}
        </p>
      )}
      {status.kind === 'stopped' && (
        <p className="chat-end chat-stopped" role="alert">
          {status.message}
        </p>
      )}
      {awaiting && awaiting.choices.length > 0 && (
        <div className="quick-replies" role="group" aria-label="Quick replies">
          {awaiting.choices.map((choice) => (
            <button key={choice} type="button" onClick={() => send(choice)}>
              {choice}
            </button>
          ))}
        </div>
      )}
      <form className="chat-answer" onSubmit={onSubmit}>
        <input
          aria-label="Your answer"
          type="text"
          value={draft}
          placeholder={
            awaiting
              ? 'Type your answer…'
              : status.kind === 'ended' || status.kind === 'stopped'
                ? 'The conversation is over'
                : 'Waiting for the bot…'
          }
          disabled={!awaiting}
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit" className="primary" disabled={!awaiting || draft.trim() === ''}>
          Send
        </button>
      </form>
    </div>
  );
}
