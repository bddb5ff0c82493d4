import { MessageCircle } from 'lucide-react';
import { useEffect, useRef } from 'react';
import type { FlowRunState } from '../domain/flowRunner/flowRunState';
import { ChatWindow } from './ChatWindow';

/**
 * The chat alone, large, as the customer's chat window on a sample web page: for showing a flow
 * to a customer. Esc returns to the editor; the run goes on.
 */
export function PresentDialog({ run, onClose }: { run: FlowRunState; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="present-dialog"
      aria-label="Chat presentation"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="sample-page" aria-hidden="true">
        <div className="sample-page-bar">
          <span />
          <span />
          <span />
          <span className="sample-page-address">www.your-shop.example</span>
        </div>
        <div className="sample-page-hero">
          <div className="sample-page-title" />
          <div className="sample-page-line" />
          <div className="sample-page-line sample-page-line-short" />
        </div>
      </div>
      <div className="present-chat">
        <header className="present-chat-header">
          <MessageCircle className="present-chat-avatar" size={22} aria-hidden="true" />
          <span className="present-chat-title">Chat with us</span>
          <button type="button" className="present-close" onClick={onClose}>
            Back to the editor
          </button>
        </header>
        <ChatWindow run={run} />
      </div>
    </dialog>
  );
}
