// What a person does in VS Code's Chat view: open it, pick a model in its picker, send a
// message, wait for the answer to finish, press a follow-up or a button under an answer.
'use strict';
const S = require('../selectors');
const { waitingFor } = require('./waiting');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Equal once the editor's no-break spaces are read as spaces and its wrapped lines joined (a
 * line wraps after a space or inside a word such as "half-way": the lines' texts join with nothing).
 */
const sameText = (shown, typed) => shown.replace(/\n/g, '').replace(/\u00a0/g, ' ').trim() === typed.trim();

class ChatView {
  constructor(page) {
    this.page = page;
  }

  /** Opens the Chat view (Chat: Open Chat, which focuses its input) unless it is open. */
  async open() {
    if (await this.page.locator(S.chat.input).isVisible().catch(() => false)) return;
    await this.page.keyboard.press('Control+Alt+I');
    await waitingFor('the Chat view', () => this.page.locator(S.chat.input).waitFor({ state: 'visible', timeout: 20_000 }));
  }

  /** The model picker's current label. */
  async model() {
    return (await this.page.locator(S.chat.modelPicker).innerText()).trim();
  }

  /**
   * Opens the model picker and picks the model named exactly `name` (so "LLM Router" is not
   * "LLM Router: cheap"); returns every row's text.
   */
  async pickModel(name) {
    await this.page.locator(S.chat.modelPicker).click();
    const title = this.page.locator(S.chat.modelRowTitle, { hasText: new RegExp(`^\\s*${escapeRegExp(name)}\\s*$`) });
    const row = this.page.locator(S.chat.modelRows).filter({ has: title }).first();
    // The picker lists a few models and folds the rest under "Other Models": open it, as a user would.
    const others = this.page.locator(S.chat.modelRows, { hasText: /^\s*Other Models\s*$/ }).first();
    await waitingFor(`"${name}" or "Other Models" in the model picker`, () => row.or(others).first().waitFor({ timeout: 20_000 }));
    if (!(await row.isVisible()) && (await others.isVisible())) await others.click();
    await waitingFor(`"${name}" in the model picker`, () => row.waitFor({ timeout: 20_000 }));
    const texts = (await this.page.locator(S.chat.modelRows).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim()).filter(Boolean);
    await row.click();
    await waitingFor(`the model picker to show "${name}"`, () => this.page.waitForFunction(
      ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want, [S.chat.modelPicker, name], { timeout: 10_000 }));
    return texts;
  }

  /**
   * The list index of the latest answer, -1 for none. The chat list is virtual (rows scrolled
   * out of view leave the DOM), so answers are told apart by their row's `data-index`, not counted.
   */
  async lastResponseIndex() {
    return this.page.evaluate(([rows, response]) => Math.max(-1, ...[...document.querySelectorAll(rows)]
      .filter((row) => row.querySelector(response))
      .map((row) => Number(row.getAttribute('data-index')))), [S.chat.rows, S.chat.responses]);
  }

  /**
   * Replaces whatever the chat input holds (a sticky `@router` included) with `text`, sends
   * it, and waits for the new answer to finish; returns its text.
   */
  async send(text, timeout = 60_000) {
    const before = await this.lastResponseIndex();
    await this.submit(text);
    return this.finishedResponse(before, timeout);
  }

  /** Replaces the input's text with `text` and sends it, without waiting for the answer. */
  async submit(text) {
    // A follow-up just clicked leaves its hover over the input: move the pointer away first.
    await this.page.mouse.move(1, 1);
    const input = this.page.locator(S.chat.inputEditor).first();
    // On a busy machine the participant list that "@" opens can lag behind the typing and take
    // the Enter, leaving "@agent" in place of the question: type again until the input holds it.
    for (let tries = 1; ; tries++) {
      await waitingFor('the chat input to take a click', () => input.click({ position: { x: 20, y: 8 }, timeout: 20_000 }));
      await this.page.keyboard.press('Control+A');
      await this.page.keyboard.press('Delete');
      await this.page.keyboard.type(text);
      const typed = await this.inputTextOnceItShows(text);
      if (sameText(typed, text)) break;
      if (tries === 3) throw new Error(`the chat input holds ${JSON.stringify(typed)} instead of ${JSON.stringify(text)}`);
    }
    if (await this.page.locator(S.chat.suggestRows).first().isVisible().catch(() => false)) await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Enter');
  }

  /** The input's text once it shows `text`, or after 3 s (the editor renders a few frames behind the keys). */
  async inputTextOnceItShows(text) {
    const until = Date.now() + 3000;
    for (;;) {
      const shown = await this.inputText();
      if (sameText(shown, text) || Date.now() > until) return shown;
      await this.page.waitForTimeout(100);
    }
  }

  /** The chat input's text as the editor shows it: its lines top to bottom (the DOM keeps them in any order). */
  async inputText() {
    return this.page.evaluate((editor) => [...(document.querySelector(editor)?.querySelectorAll('.view-lines .view-line') ?? [])]
      .sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top))
      .map((line) => line.textContent).join('\n'), S.chat.inputEditor).catch(() => '');
  }

  /**
   * Types `before` into the emptied input, then attaches a file as a user does: `#`, the
   * completion list (Ctrl+Space), the file's name, Enter on the file in the list. Does not send.
   */
  async typeWithFile(before, fileName) {
    await this.page.mouse.move(1, 1);
    const input = this.page.locator(S.chat.inputEditor).first();
    await waitingFor('the chat input to take a click', () => input.click({ position: { x: 20, y: 8 }, timeout: 20_000 }));
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    await this.page.keyboard.type(`${before} #${fileName}`);
    await this.page.keyboard.press('Control+Space');
    const row = this.page.locator(S.chat.suggestRows, { hasText: fileName }).first();
    await waitingFor(`"${fileName}" in the completion list`, () => row.waitFor({ state: 'visible', timeout: 20_000 }));
    await this.page.keyboard.press('Enter');
  }

  /** Presses the input's Stop button (the Send button while an answer is running). */
  async stop() {
    const button = this.page.locator(S.chat.stopButton).first();
    await waitingFor('the Stop button of the chat input', () => button.waitFor({ state: 'visible', timeout: 20_000 }));
    await button.click();
  }

  /** Clicks the follow-up `label` under the latest answer and waits for the answer it asks for. */
  async followUp(label, timeout = 60_000) {
    const before = await this.lastResponseIndex();
    const link = this.page.getByText(label, { exact: true }).last();
    await waitingFor(`the follow-up "${label}"`, () => link.waitFor({ state: 'visible', timeout: 20_000 }));
    await link.click();
    return this.finishedResponse(before, timeout);
  }

  /** Waits for an answer in a row after `before` to finish streaming; returns its text. */
  async finishedResponse(before, timeout) {
    const row = this.page.locator(`${S.chat.rows}[data-index="${before + 2}"]`);
    // Each exchange is two rows: the request, then its answer.
    await waitingFor(`answer row ${before + 2} in the Chat view to finish`, () => this.page.waitForFunction(
      ([sel, response, loading]) => {
        const answer = document.querySelector(sel)?.querySelector(response);
        return answer && !answer.classList.contains(loading);
      },
      [`${S.chat.rows}[data-index="${before + 2}"]`, S.chat.responses, S.chat.loading],
      { timeout },
    ));
    return (await row.innerText()).replace(/\u00a0/g, ' ');
  }

  async lastResponseText() {
    return this.responseText(await this.lastResponseIndex());
  }

  /** The text of the answer row at `index` (a row's index stays its own while later ones are added). */
  async responseText(index) {
    return (await this.page.locator(`${S.chat.rows}[data-index="${index}"]`).innerText()).replace(/\u00a0/g, ' ');
  }

  /** Clicks the link or button labelled `label` in the latest answer. */
  async press(label) {
    const index = await this.lastResponseIndex();
    const target = this.page.locator(`${S.chat.rows}[data-index="${index}"]`).locator('a, .monaco-button', { hasText: label }).first();
    await waitingFor(`"${label}" in the answer`, () => target.waitFor({ state: 'visible', timeout: 20_000 }));
    await target.click();
  }
}

module.exports = { ChatView };
