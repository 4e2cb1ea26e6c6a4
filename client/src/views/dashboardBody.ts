// Static markup of the dashboard; client/webview/dashboard.ts fills it in. The ids are stable
// because the end-to-end tests select on them (`#total-today`, `#history tbody tr`, ...).

const table = (id: string, heading: string, columns: string[]) => `
<section aria-labelledby="${id}-heading">
<h2 id="${id}-heading">${heading}</h2>
<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${id}-heading"><table id="${id}" aria-labelledby="${id}-heading">
<thead><tr>${columns.map((c) => `<th scope="col">${c}</th>`).join('')}</tr></thead>
<tbody></tbody>
</table></div>
<p class="empty" id="${id}-empty" hidden>Nothing yet.</p>
</section>`;

const card = (id: string, label: string) =>
  `<div class="card"><span class="label">${label}</span><span class="value" id="${id}">–</span><span class="detail" id="${id}-detail"></span></div>`;

export const dashboardBody = `<main id="dashboard" data-state="loading">
<header>
<h1>LLM Router</h1>
<div class="actions">
<button id="refresh" type="button">Refresh</button>
<button id="export" type="button" class="secondary">Export Usage…</button>
<button id="budget-settings" type="button" class="secondary">Budget Settings</button>
</div>
<p id="dashboard-status" role="status" aria-live="polite">Loading…</p>
</header>
<section aria-labelledby="spend-heading">
<h2 id="spend-heading">Spend in this workspace</h2>
<div class="cards">
${card('total-today', 'Today')}
${card('total-month', 'This month')}
${card('total-all', 'All time')}
${card('budget-state', 'Budget')}
${card('all-workspaces', 'All workspaces')}
${card('savings', 'Saved by routing')}
</div>
<p id="spend-caveat" class="caption" hidden></p>
</section>
<section aria-labelledby="daily-heading">
<h2 id="daily-heading">Spend per day (USD)</h2>
<div id="daily-chart-container"></div>
<p id="daily-caption" class="caption"></p>
<details>
<summary>Spend per day as a table</summary>
<table id="daily" aria-label="Spend per day">
<thead><tr><th scope="col">Day</th><th scope="col">Requests</th><th scope="col">Cost</th></tr></thead>
<tbody></tbody>
</table>
<p class="empty" id="daily-empty" hidden>Nothing yet.</p>
</details>
</section>
${table('by-model', 'By model', ['Model', 'Requests', 'Input tokens', 'Output tokens', 'Cost'])}
${table('by-kind', 'By kind', ['Kind', 'Requests', 'Input tokens', 'Output tokens', 'Cost'])}
${table('by-client', 'By client', ['Client', 'Requests', 'Input tokens', 'Output tokens', 'Cost'])}
${table('health', 'Provider health', ['Model', 'State', 'Error rate', 'p50 latency', 'Attempts'])}
${table('history', 'Routing log', ['Time', 'Kind', 'Model', 'Cost', 'Outcome'])}
<p id="history-caption" class="caption" hidden></p>
</main>`;
