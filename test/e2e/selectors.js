// Every DOM selector the UI driver relies on, in one place: VS Code's workbench (as of
// code-server 4.139.1 = VS Code 1.139.1) and LLM Router's own markers (client/ and
// client/webview/). When either UI changes, this is the file to update.
'use strict';

/** `[id="…"]` instead of `#…`: the ids are full of dots. */
const byId = (id) => `[id="${id}"]`;

module.exports = {
  workbench: '.monaco-workbench',
  statusBarItems: '#workbench\\.parts\\.statusbar .statusbar-item',
  // A status-bar item's DOM id is `publisher.extension-name.itemId`.
  spendItem: byId('llm-router.llm-router.llmRouter.spend'),

  quickInput: '.quick-input-widget',
  quickInputBox: '.quick-input-widget .quick-input-box input',
  quickInputRows: '.quick-input-widget .quick-input-list .monaco-list-row',
  quickInputRowLabel: '.label-name',
  // Buttons of the quick input (a multi-select quick pick's OK among them).
  quickInputButton: '.quick-input-widget .monaco-button',

  activeTab: '.editor-group-container.active .tab.active',
  // Text of the active editor; in a diff editor the last match is the modified (right) side.
  activeEditorLines: '.editor-group-container.active .monaco-editor .view-lines',
  // Text of every visible editor, whichever group it is in.
  editorLines: '.editor-group-container .monaco-editor .view-lines',
  diffEditor: '.editor-group-container.active .monaco-diff-editor',
  notificationToasts: '.notifications-toasts .notification-toast',
  // The class VS Code adds when a toast's fade-in transition has ended.
  notificationToastShown: '.notifications-toasts .notification-toast.notification-fade-in-done',
  notificationButton: '.monaco-button',
  outputLines: '.part.panel .monaco-editor .view-lines',

  // The answer webview (client/src/views/answerPanel.ts, client/webview/answer.ts).
  answer: {
    root: '#answer', // data-state: waiting | streaming | done | error | cancelled
    title: '#answer-title',
    status: '#answer-status', // progress words: "Choosing a model…", "Cancelled."…
    model: '#answer-model',
    cost: '#answer-cost',
    error: '#answer-error',
  },
  // VS Code's Chat view (secondary side bar) with @router and the language model picker.
  chat: {
    input: '.interactive-input-part',
    inputEditor: '.interactive-input-part .monaco-editor',
    modelPicker: '.interactive-input-part .model-picker-item',
    modelRows: '.action-widget .monaco-list-row',
    // A row's model name (its description follows in a sibling).
    modelRowTitle: '.title',
    // The Send button turns into this while an answer is running.
    stopButton: '.interactive-input-part .action-item a[aria-label^="Cancel"], .interactive-input-part .action-item a[aria-label^="Stop"]',
    // Rows of the (virtual) conversation list, each with a data-index: a request, then its answer.
    rows: '.interactive-list .monaco-list-row',
    // One per answer; `chat-response-loading` while it streams.
    responses: '.interactive-item-container.interactive-response',
    loading: 'chat-response-loading',
    // A fenced code block of an answer (a read-only editor with its toolbar).
    codeBlock: '.interactive-result-code-block',
    // The completion list of the chat input (# files, / commands).
    suggestRows: '.suggest-widget .monaco-list-row',
  },
  dialog: '.monaco-dialog-box',
  dialogButton: '.monaco-dialog-box .monaco-button',
  // The dashboard webview (client/src/views/dashboardBody.ts, client/webview/dashboard.ts).
  dashboard: {
    root: '#dashboard', // data-state: loading | ready | error
    today: '#total-today',
    history: '#history',
    historyRows: '#history tbody tr:not(.detail)', // each request's row; its reasons are in the .detail row under it
    byModelRows: '#by-model tbody tr',
    byClientRows: '#by-client tbody tr',
  },
};
