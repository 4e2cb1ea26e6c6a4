// Script of the answer webview: renders the streamed Markdown and, once the request is
// done, the model, cost and reasons. `#answer[data-state]` is the marker tests wait for:
// waiting -> streaming -> done | error | cancelled.
import { billedNote } from '../src/format/attempt';
import { formatCost } from '../src/format/money';
import { plainReason } from '../src/format/plainReason';
import { renderMarkdown } from './markdown';
import { ANSWER_AS_KINDS, type AnswerSnapshot, type AnswerSummary } from './messages';
import { byId, element, vscode } from './vscodeApi';

const STATUS: Record<AnswerSnapshot['state'], string> = {
  waiting: 'Choosing a model…',
  streaming: 'Answering…',
  done: 'Done.',
  error: 'Failed.',
  cancelled: 'Cancelled.',
};

window.addEventListener('message', (event: MessageEvent<AnswerSnapshot>) => {
  if (event.data?.type === 'answer') show(event.data);
});
vscode.postMessage({ type: 'ready' });

function show(answer: AnswerSnapshot): void {
  byId('answer-title').textContent = answer.title;
  byId('answer-status').textContent = STATUS[answer.state];
  const article = byId('answer');
  // renderMarkdown escapes all source text and emits only its own fixed tags.
  article.innerHTML = renderMarkdown(answer.text);
  article.dataset.state = answer.state;
  article.setAttribute('aria-busy', String(answer.state === 'waiting' || answer.state === 'streaming'));
  const error = byId('answer-error');
  error.hidden = answer.state !== 'error';
  error.textContent = answer.error ?? '';
  const summary = byId('answer-summary');
  summary.hidden = !answer.summary;
  summary.replaceChildren(...(answer.summary ? summaryNodes(answer.summary) : []));
  const answerAs = byId('answer-as');
  const offered = answer.canRerun === true && answer.summary !== undefined;
  answerAs.hidden = !offered;
  answerAs.replaceChildren(...(offered && answer.summary ? answerAsNodes(answer.summary) : []));
}

/** "Answer as: explain · refactor · summarize · ask": asks the same request again as that kind. */
function answerAsNodes(summary: AnswerSummary): HTMLElement[] {
  const buttons = ANSWER_AS_KINDS.filter((kind) => kind !== summary.kind).map((kind) => {
    const button = element('button', kind, { type: 'button', 'data-kind': kind, class: 'secondary' });
    button.addEventListener('click', () => vscode.postMessage({ type: 'answerAs', kind }));
    return button;
  });
  return [element('span', 'Answer as:', { class: 'label' }), ...buttons];
}

function summaryNodes(summary: AnswerSummary): HTMLElement[] {
  const facts = element('dl');
  const fact = (term: string, value: string, id: string) =>
    facts.append(element('dt', term), element('dd', value, { id }));
  // An unsure classification is said where the kind is shown, not only among the reasons.
  const unsure = summary.reasons.find((reason) => reason.startsWith('not sure which kind'));
  fact('Answered as', unsure ? `${summary.kind}: ${unsure}` : summary.kind, 'answer-kind');
  fact('Model', summary.model, 'answer-model');
  const cost = formatCost(summary.costUsd, { estimated: summary.costEstimated, priceUnknown: summary.priceUnknown });
  fact('Cost', summary.cached ? `${cost} (from cache)` : cost, 'answer-cost');
  fact('Tokens', `${summary.inputTokens} in, ${summary.outputTokens} out`, 'answer-tokens');
  fact('Time', `${(summary.latencyMs / 1000).toFixed(1)} s`, 'answer-latency');
  const nodes: HTMLElement[] = [element('h2', 'Why this model'), list('answer-reasons', summary.reasons.map((r) => plainReason(r, summary.kind))), facts];
  const failed = summary.attempts.filter((a) => !a.ok);
  if (failed.length > 0) {
    nodes.push(element('h2', 'Fallbacks'), list('answer-attempts', failed.map((a) => `${a.model}: ${a.error ?? 'failed'}${billedNote(a)}`)));
  }
  if (summary.warnings.length > 0) nodes.push(element('h2', 'Warnings'), list('answer-warnings', summary.warnings));
  return nodes;
}

function list(id: string, items: string[]): HTMLUListElement {
  const ul = element('ul', undefined, { id });
  ul.append(...items.map((item) => element('li', item)));
  return ul;
}
