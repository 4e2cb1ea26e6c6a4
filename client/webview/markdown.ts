// A small Markdown renderer for model answers in the answer webview. Safety comes first:
// every piece of source text is HTML-escaped before any tag is added, and the only tags
// produced are the fixed ones below, so a model cannot inject markup or script. Pure (no
// DOM) so it is unit-tested, and it copes with a half-streamed answer (an open fence).

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})\s*([\w+#.-]*)/;
const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s*([-*_])(\s*\1){2,}\s*$/;
const LIST_ITEM = /^\s*([-*+]|\d{1,9}[.)])\s+(.*)$/;
const QUOTE = /^\s*>\s?(.*)$/;
const TABLE_DIVIDER = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

export function renderMarkdown(source: string): string {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const html: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      const marker = fence[1] ?? '```';
      const body: string[] = [];
      for (i++; i < lines.length && !(lines[i] ?? '').trim().startsWith(marker); i++) body.push(lines[i] ?? '');
      i++; // the closing fence, when the answer has streamed that far
      const language = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      html.push(`<pre><code${language}>${escapeHtml(body.join('\n'))}</code></pre>`);
    } else if (line.trim() === '') {
      i++;
    } else if (HEADING.test(line)) {
      const [, hashes = '#', text = ''] = HEADING.exec(line) ?? [];
      html.push(`<h${hashes.length}>${renderInline(text)}</h${hashes.length}>`);
      i++;
    } else if (RULE.test(line)) {
      html.push('<hr>');
      i++;
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i] ?? ''); i++) quoted.push(QUOTE.exec(lines[i] ?? '')?.[1] ?? '');
      html.push(`<blockquote>${renderMarkdown(quoted.join('\n'))}</blockquote>`);
    } else if (LIST_ITEM.test(line)) {
      i = renderList(lines, i, html);
    } else if (line.includes('|') && TABLE_DIVIDER.test(lines[i + 1] ?? '')) {
      i = renderTable(lines, i, html);
    } else {
      const paragraph: string[] = [];
      for (; i < lines.length && isParagraphLine(lines[i] ?? ''); i++) paragraph.push((lines[i] ?? '').trim());
      html.push(`<p>${renderInline(paragraph.join('\n')).replace(/\n/g, '<br>')}</p>`);
    }
  }
  return html.join('\n');
}

function isParagraphLine(line: string): boolean {
  return line.trim() !== '' && !FENCE_OPEN.test(line) && !HEADING.test(line) && !LIST_ITEM.test(line) && !QUOTE.test(line);
}

function renderList(lines: string[], start: number, html: string[]): number {
  const ordered = /^\s*\d/.test(lines[start] ?? '');
  const items: string[] = [];
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const item = LIST_ITEM.exec(line);
    if (item && /^\s*\d/.test(line) === ordered) items.push(item[2] ?? '');
    else if (/^\s+\S/.test(line) && items.length > 0) items[items.length - 1] += `\n${line.trim()}`;
    else break;
  }
  const startNumber = ordered ? Number.parseInt((lines[start] ?? '').trim(), 10) : 1;
  const open = ordered ? (startNumber !== 1 ? `<ol start="${startNumber}">` : '<ol>') : '<ul>';
  const body = items.map((item) => `<li>${renderInline(item).replace(/\n/g, '<br>')}</li>`).join('');
  html.push(`${open}${body}${ordered ? '</ol>' : '</ul>'}`);
  return i;
}

function renderTable(lines: string[], start: number, html: string[]): number {
  const cells = (row: string): string[] => row.trim().replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
  const header = cells(lines[start] ?? '').map((c) => `<th scope="col">${renderInline(c)}</th>`).join('');
  const rows: string[] = [];
  let i = start + 2;
  for (; i < lines.length && (lines[i] ?? '').includes('|') && (lines[i] ?? '').trim() !== ''; i++) {
    rows.push(`<tr>${cells(lines[i] ?? '').map((c) => `<td>${renderInline(c)}</td>`).join('')}</tr>`);
  }
  html.push(`<table><thead><tr>${header}</tr></thead><tbody>${rows.join('')}</tbody></table>`);
  return i;
}

/** Inline code, bold, italics and http(s) links; code spans are left literal. */
export function renderInline(text: string): string {
  return text
    .split(/(`[^`\n]+`)/)
    .map((part, index) => (index % 2 === 1 ? `<code>${escapeHtml(part.slice(1, -1))}</code>` : emphasis(escapeHtml(part))))
    .join('');
}

function emphasis(escaped: string): string {
  return escaped
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*(?=\S)(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|\W)__(?=\S)(.+?)__(?=\W|$)/g, '$1<strong>$2</strong>')
    .replace(/\*(?=\S)([^*]+?)\*/g, '<em>$1</em>')
    .replace(/(^|\W)_(?=\S)([^_]+?)_(?=\W|$)/g, '$1<em>$2</em>');
}
