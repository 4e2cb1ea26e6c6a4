// What a person does in VS Code, as playwright calls on a code-server page: open a folder and
// a file, select lines, run a palette command, answer an input box, read the editor and the
// status bar. Every wait is for a DOM condition, with a timeout.
'use strict';
const S = require('../selectors');
const { until, waitingFor } = require('./waiting');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** In the page: a visible input box or quick pick (not the command palette) shows `want`. */
function quickInputShows([sel, input, want]) {
  const widget = document.querySelector(sel);
  if (!widget || widget.offsetParent === null || getComputedStyle(widget).display === 'none') return false;
  const box = widget.querySelector(input);
  if (box && box.value.startsWith('>')) return false; // still the command palette
  const shown = [widget.textContent ?? '', box?.placeholder ?? '', box?.getAttribute('aria-label') ?? '', box?.value ?? ''].join(' ');
  return shown.toLowerCase().includes(want.toLowerCase());
}

class Workbench {
  constructor(page, baseUrl) {
    this.page = page;
    this.baseUrl = baseUrl;
  }

  async openFolder(folder) {
    await this.page.goto(`${this.baseUrl}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded' });
    await waitingFor('the workbench and its status bar', async () => {
      await this.page.waitForSelector(S.workbench, { timeout: 60_000 });
      await this.page.waitForSelector(S.statusBarItems, { timeout: 60_000 });
    });
  }

  /** Waits until a status-bar item reads `expected` (exactly); returns what it read last. */
  async waitForStatusText(selector, expected, timeout = 20_000) {
    try {
      await this.page.waitForFunction(
        ([sel, want]) => document.querySelector(sel)?.textContent?.trim() === want,
        [selector, expected],
        { timeout },
      );
    } catch {
      // fall through: the caller compares and reports what was there instead
    }
    return this.page.locator(selector).innerText().then((t) => t.trim(), () => '(no such item)');
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a keyboard user would. */
  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator(S.quickInputBox);
    await waitingFor('Quick Open', () => input.waitFor({ state: 'visible', timeout: 20_000 }));
    await input.fill(relativePath);
    await waitingFor(`${relativePath} in Quick Open`, () => this.rowNamed(name).waitFor({ timeout: 20_000 }));
    await this.page.keyboard.press('Enter');
    await waitingFor(`an editor on ${name}`, async () => {
      await this.page.locator(S.activeTab, { hasText: name }).waitFor({ timeout: 20_000 });
      await this.page.locator(S.activeEditorLines).last().waitFor({ timeout: 20_000 });
    });
  }

  /** A quick-pick row whose label starts with `label`. */
  rowNamed(label) {
    return this.page
      .locator(S.quickInputRows)
      .filter({ has: this.page.locator(S.quickInputRowLabel, { hasText: new RegExp(`^\\s*${escapeRegExp(label)}`) }) })
      .first();
  }

  /** F1, type the command's title, wait for its row, pick it. */
  async runCommand(title) {
    const input = this.page.locator(S.quickInputBox);
    // A webview that just opened (the walkthrough) can take the focus back, which closes the
    // palette between showing it and typing in it: open it again, as a user would.
    for (let tries = 1; ; tries++) {
      await this.dismissQuickInput();
      await this.page.keyboard.press('F1');
      await waitingFor('the command palette', () => input.waitFor({ state: 'visible', timeout: 20_000 }));
      const typed = await input.fill(`>${title}`, { timeout: 5_000 }).then(() => true, (error) => {
        if (tries === 3) throw error;
        return false;
      });
      if (typed) break;
    }
    const row = this.rowNamed(title);
    await waitingFor(`"${title}" in the command palette`, () => row.waitFor({ timeout: 20_000 }));
    await row.click();
  }

  /**
   * Waits for an input box or quick pick that the extension opened (its prompt, placeholder or
   * title contains `hint`), types `text` and presses Enter. Returns when the box has closed.
   */
  async answerInput(hint, text) {
    await this.waitForQuickInput(hint);
    const input = this.page.locator(S.quickInputBox);
    await input.fill(text);
    await this.page.keyboard.press('Enter');
    await waitingFor(`the input box "${hint}" to close`, () => this.page.locator(S.quickInput).waitFor({ state: 'hidden', timeout: 20_000 }));
  }

  /** Picks the row labelled `label` in a quick pick the extension opened (identified by `hint`). */
  async pickItem(hint, label) {
    await this.waitForQuickInput(hint);
    const row = this.rowNamed(label);
    await waitingFor(`"${label}" in the quick pick "${hint}"`, () => row.waitFor({ timeout: 20_000 }));
    await row.click();
  }

  /**
   * Waits until the quick-input widget shows something other than the palette whose title,
   * prompt, placeholder or value contains `hint`.
   */
  async waitForQuickInput(hint, timeout = 30_000) {
    await waitingFor(`an input box or quick pick showing "${hint}"`, () => this.page.waitForFunction(
      quickInputShows,
      [S.quickInput, S.quickInputBox, hint],
      { timeout },
    ));
  }

  /** Whether an input box or quick pick the extension opened shows `hint` now (no waiting). */
  async quickInputShowing(hint) {
    return this.page.evaluate(quickInputShows, [S.quickInput, S.quickInputBox, hint]);
  }

  async dismissQuickInput() {
    const widget = this.page.locator(S.quickInput);
    if (await widget.isVisible().catch(() => false)) {
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    }
  }

  /** Puts the keyboard focus in the active editor, on its first line. */
  async focusEditor() {
    await this.page.locator(S.activeEditorLines).last().click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('Control+Home');
  }

  /** Selects whole lines `first`..`last` (1-based, inclusive, with the last line's newline). */
  async selectLines(first, last) {
    await this.focusEditor();
    for (let i = 1; i < first; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('Home');
    await this.page.keyboard.press('Home'); // twice: the first Home stops at the indentation
    for (let i = first; i <= last; i++) await this.page.keyboard.press('Shift+ArrowDown');
  }

  /** Puts the cursor at the end of line `line` (1-based), nothing selected. */
  async cursorAtEndOf(line) {
    await this.focusEditor();
    for (let i = 1; i < line; i++) await this.page.keyboard.press('ArrowDown');
    await this.page.keyboard.press('End');
  }

  /**
   * The text the active editor shows, line by line. Monaco recycles line elements, so they
   * are ordered by their vertical position, and it renders spaces as no-break spaces.
   */
  async editorText() {
    return this.page.locator(S.activeEditorLines).last().evaluate((root) =>
      [...root.querySelectorAll('.view-line')]
        .map((line) => ({ top: parseFloat(line.style.top) || 0, text: line.textContent.replace(/\u00a0/g, ' ') }))
        .sort((a, b) => a.top - b.top)
        .map((line) => line.text)
        .join('\n'),
    );
  }

  /**
   * The text of whichever visible text editor contains `marker`, polled until one does: for a
   * document an extension opened beside, whose group may or may not have become the active one.
   */
  async editorTextContaining(marker, timeout = 20_000) {
    return until(`an editor showing "${marker}"`, async () => {
      const texts = await this.page.locator(S.editorLines).evaluateAll((roots) => roots.map((root) =>
        [...root.querySelectorAll('.view-line')]
          .map((line) => ({ top: parseFloat(line.style.top) || 0, text: line.textContent.replace(/\u00a0/g, ' ') }))
          .sort((a, b) => a.top - b.top)
          .map((line) => line.text)
          .join('\n')));
      return texts.find((text) => text.includes(marker));
    }, timeout);
  }

  /** Polls the active editor until `predicate(text)` holds; returns the last text read. */
  async waitForEditorText(predicate, timeout = 20_000) {
    const until = Date.now() + timeout;
    let text = await this.editorText();
    while (!predicate(text) && Date.now() < until) {
      await this.page.waitForTimeout(100);
      text = await this.editorText().catch(() => text);
    }
    return text;
  }

  /** Waits for a notification toast containing `text`; returns its locator. */
  async notification(text, timeout = 30_000) {
    const toast = this.page.locator(S.notificationToasts, { hasText: text }).first();
    await waitingFor(`a notification saying "${text}"`, () => toast.waitFor({ state: 'visible', timeout }));
    return toast;
  }

  /**
   * The button labelled `label` on the notification containing `text`, once it is visible and
   * the toast has finished sliding in (so that a screenshot shows it as a person sees it).
   */
  async notificationButton(text, label, timeout = 30_000) {
    const toast = await this.notification(text, timeout);
    const button = toast.locator(S.notificationButton, { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }).first();
    await waitingFor(`"${label}" on the notification saying "${text}"`, () => button.waitFor({ state: 'visible', timeout }));
    // VS Code marks a toast whose fade-in transition ended; only cosmetic, so not fatal (with
    // reduced motion there is no transition and so no mark).
    await this.page.locator(S.notificationToastShown, { hasText: text }).first().waitFor({ state: 'visible', timeout: 2_000 }).catch(() => {});
    return button;
  }

  /** Presses the button labelled `label` on the notification containing `text`. */
  async pressNotificationButton(text, label, timeout = 30_000) {
    await (await this.notificationButton(text, label, timeout)).click();
  }

  /** Waits until the Output panel shows a line containing `text`; returns the visible text. */
  async waitForOutput(text, timeout = 30_000) {
    await waitingFor(`"${text}" in the Output panel`, () => this.page.locator(S.outputLines, { hasText: text }).first().waitFor({ state: 'visible', timeout }));
    return (await this.page.locator(S.outputLines).first().textContent()).replace(/\u00a0/g, ' ');
  }

  /**
   * Waits for an input box the extension opened (identified by `hint`), replaces its text with
   * `text` and presses Enter, without waiting for it to close: the box may stay open while the
   * extension checks the value, and the next box may open at once.
   */
  async typeAndEnter(hint, text) {
    await this.waitForQuickInput(hint);
    const input = this.page.locator(S.quickInputBox);
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** The value the open input box was given (e.g. a default the extension filled in). */
  async quickInputValue(hint) {
    await this.waitForQuickInput(hint);
    return this.page.locator(S.quickInputBox).inputValue();
  }

  /** The labels of the rows ticked in an open multi-select quick pick. */
  async checkedRows() {
    return this.page.locator(S.quickInputRows).evaluateAll((rows) => rows
      .filter((row) => row.querySelector('input[type="checkbox"]')?.checked || row.getAttribute('aria-checked') === 'true')
      .map((row) => row.querySelector('.label-name')?.textContent?.trim() ?? ''));
  }

  /** The labels of the buttons of the notification containing `text`, in order. */
  async notificationButtons(text, timeout = 30_000) {
    const toast = await this.notification(text, timeout);
    await toast.locator(S.notificationButton).first().waitFor({ state: 'visible', timeout }).catch(() => {});
    return toast.locator(S.notificationButton).evaluateAll((buttons) => buttons.map((b) => b.textContent.trim()));
  }

  /** The text of the webview (e.g. a Markdown preview) whose body contains `text`, polled. */
  async webviewTextContaining(text, timeout = 30_000) {
    return until(`a webview showing "${text}"`, async () => {
      for (const frame of this.page.frames()) {
        const body = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
        if (body.includes(text)) return body;
      }
      return undefined;
    }, timeout);
  }

  /** The titles of the editor tabs open now. */
  async tabTitles() {
    return this.page.locator('.tabs-container .tab .label-name, .tabs-container .tab .monaco-icon-label-container').evaluateAll((tabs) =>
      [...new Set(tabs.map((t) => t.textContent.trim()))]);
  }

  /**
   * The frame of the webview whose document contains `marker`. Webview iframes live in an
   * overlay outside the editor groups, so they are told apart by content, not by position.
   */
  async webviewWith(marker, timeout = 30_000) {
    const until = Date.now() + timeout;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (await frame.$(marker).catch(() => null)) return frame;
      }
      if (Date.now() > until) throw new Error(`no webview shows ${marker} after ${timeout} ms`);
      await this.page.waitForTimeout(200);
    }
  }
}

module.exports = { Workbench };
