// The webview where Explain, Summarize and Ask answers stream in. One panel is reused;
// a new question replaces the old answer, and late text from an older request is dropped.
import * as vscode from 'vscode';
import type { ExecuteResult } from '../../../shared/protocol';
import { ANSWER_AS_KINDS, type AnswerAsKind, type AnswerSnapshot, type WebviewRequest } from '../../webview/messages';
import { webviewHtml, webviewOptions } from './webviewHtml';
import { answerWithRefusal, warningsBesideRefusal } from '../format/refusal';

/** One request's view of the panel. */
export interface AnswerSession {
  append(delta: string): void;
  /** A fallback model started over: the text so far is discarded. */
  restart(): void;
  finish(result: ExecuteResult): void;
  fail(message: string): void;
  cancel(): void;
}

// Streamed tokens arrive far faster than anyone reads; repaint at most this often.
const REPAINT_MS = 50;

export class AnswerPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private snapshot: AnswerSnapshot = { type: 'answer', title: '', state: 'waiting', text: '' };
  private session = 0;
  private repaint: NodeJS.Timeout | undefined;
  /** Asks the shown request again as another kind ("Answer as"); absent for answers that cannot be. */
  private rerun: ((kind: AnswerAsKind) => unknown) | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** What the panel shows now; the extension-host tests read it. */
  get current(): Readonly<AnswerSnapshot> {
    return this.snapshot;
  }

  begin(title: string, rerun?: (kind: AnswerAsKind) => unknown): AnswerSession {
    const id = ++this.session;
    this.rerun = rerun;
    this.snapshot = { type: 'answer', title, state: 'waiting', text: '', canRerun: rerun !== undefined };
    this.show(title);
    this.post();
    const live = () => id === this.session;
    return {
      append: (delta) => {
        if (!live()) return;
        this.snapshot = { ...this.snapshot, state: 'streaming', text: this.snapshot.text + delta };
        this.schedulePost();
      },
      restart: () => {
        if (!live()) return;
        this.snapshot = { ...this.snapshot, text: '' };
        this.schedulePost();
      },
      finish: (result) => {
        if (!live()) return;
        const { model, kind, reasons, usage, latencyMs, cached, attempts } = result;
        // The text says the model declined: the summary does not say it again.
        const warnings = warningsBesideRefusal(result);
        this.snapshot = {
          ...this.snapshot, state: 'done', text: answerWithRefusal(result),
          summary: { model, kind, reasons, costUsd: usage.costUsd, costEstimated: usage.estimated, priceUnknown: usage.priceUnknown,
            inputTokens: usage.inputTokens,
            outputTokens: usage.outputTokens, latencyMs, cached, attempts, warnings },
        };
        this.post();
      },
      fail: (message) => {
        if (!live()) return;
        this.snapshot = { ...this.snapshot, state: 'error', error: message };
        this.post();
      },
      cancel: () => {
        if (!live()) return;
        this.snapshot = { ...this.snapshot, state: 'cancelled' };
        this.post();
      },
    };
  }

  private show(title: string): void {
    const panelTitle = `LLM Router: ${title}`;
    if (this.panel) {
      this.panel.title = panelTitle;
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel('llmRouter.answer', panelTitle,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, webviewOptions(this.extensionUri));
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, {
      title: 'LLM Router answer',
      script: 'dist/webview/answer.js',
      style: 'media/answer.css',
      body: `<main>
<h1 id="answer-title"></h1>
<p id="answer-status" role="status" aria-live="polite"></p>
<article id="answer" data-state="waiting" aria-busy="true" tabindex="0"></article>
<p id="answer-error" role="alert" hidden></p>
<section id="answer-summary" aria-label="How this answer was routed" hidden></section>
<div id="answer-as" role="group" aria-label="Answer as another kind" hidden></div>
</main>`,
    });
    // A hidden webview is reloaded when shown again; it asks for the answer with 'ready'.
    panel.webview.onDidReceiveMessage((message: WebviewRequest) => {
      if (message.type === 'ready') this.post();
      if (message.type === 'answerAs') void this.answerAs(message.kind);
    });
    panel.onDidDispose(() => (this.panel = undefined));
    this.panel = panel;
  }

  /** "Answer as": asks the shown request again with this kind; resolves with what that returns. */
  async answerAs(kind: AnswerAsKind): Promise<unknown> {
    if (!this.rerun || !ANSWER_AS_KINDS.includes(kind)) return undefined;
    return this.rerun(kind);
  }

  private schedulePost(): void {
    this.repaint ??= setTimeout(() => this.post(), REPAINT_MS);
  }

  private post(): void {
    clearTimeout(this.repaint);
    this.repaint = undefined;
    void this.panel?.webview.postMessage(this.snapshot);
  }

  dispose(): void {
    clearTimeout(this.repaint);
    this.panel?.dispose();
  }
}
