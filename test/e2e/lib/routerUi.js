// Reads LLM Router's own UI out of the page: the answer webview and the dashboard webview.
// Selectors come from selectors.js; waits are for the webviews' data-state markers.
'use strict';
const S = require('../selectors');
const { waitingFor } = require('./waiting');

/**
 * Waits until the answer webview shows a finished answer (data-state one of `states`: by
 * default done or error) whose title starts with `titlePrefix`, and returns what it shows.
 * `cancelled` is left out by default, so that a new request for the same target is not
 * mistaken for the cancelled one still on show.
 */
async function finishedAnswer(workbench, titlePrefix, timeout = 60_000, states = ['done', 'error']) {
  const frame = await workbench.webviewWith(S.answer.root, timeout);
  await waitingFor(`an answer titled "${titlePrefix}…" in state ${states.join(' or ')}`, () => frame.waitForFunction(
    ([sel, prefix, want]) => {
      const state = document.querySelector(sel.root)?.dataset.state;
      const title = document.querySelector(sel.title)?.textContent ?? '';
      return title.startsWith(prefix) && want.includes(state);
    },
    [S.answer, titlePrefix, states],
    { timeout },
  ));
  return frame.evaluate((sel) => {
    const text = (selector) => document.querySelector(selector)?.textContent?.trim() ?? '';
    return {
      state: document.querySelector(sel.root).dataset.state,
      title: text(sel.title),
      status: text(sel.status),
      text: text(sel.root),
      model: text(sel.model),
      cost: text(sel.cost),
      error: text(sel.error),
    };
  }, S.answer);
}

/** Waits for the dashboard to be ready with `rows` routing-log rows; returns what it shows. */
async function readyDashboard(workbench, rows, timeout = 30_000) {
  const frame = await workbench.webviewWith(S.dashboard.root, timeout);
  await frame
    .waitForFunction(
      ([sel, n]) => document.querySelector(sel.root)?.dataset.state !== 'loading' && document.querySelectorAll(sel.historyRows).length >= n,
      [S.dashboard, rows],
      { timeout },
    )
    .catch(() => {}); // the caller compares and reports what is there
  // Bring the routing log into view, so that the screenshot shows what was checked.
  await frame.locator(S.dashboard.history).scrollIntoViewIfNeeded().catch(() => {});
  return frame.evaluate((sel) => {
    const cells = (selector) => [...document.querySelectorAll(selector)].map((tr) => [...tr.cells].map((td) => td.textContent.trim()));
    return {
      state: document.querySelector(sel.root)?.dataset.state,
      today: document.querySelector(sel.today)?.textContent?.trim(),
      history: cells(sel.historyRows),
      byModel: cells(sel.byModelRows),
      byClient: cells(sel.byClientRows),
    };
  }, S.dashboard);
}

module.exports = { finishedAnswer, readyDashboard };
