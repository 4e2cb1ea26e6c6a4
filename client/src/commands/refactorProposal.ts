// Turns a model's refactoring answer into the replacement text. Pure (no vscode import).
// Models often wrap code in a Markdown fence and add a sentence around it; the diff must
// show only code, and keep the selection's trailing newline so lines don't merge.

const FENCE = /^(```|~~~)[^\n]*\n([\s\S]*?)\n?\1[ \t]*$/gm;

/** The longest fenced code block of the answer, or the whole answer when it has none. */
export function codeFromAnswer(answer: string): string {
  let longest: string | undefined;
  for (const match of answer.matchAll(FENCE)) {
    const body = match[2] ?? '';
    if (longest === undefined || body.length > longest.length) longest = body;
  }
  return longest ?? answer;
}

/**
 * The code an answer offers to insert, or undefined when the model declined: what it wrote
 * before declining (Anthropic's refusal keeps it) is no code to apply, and the warning says why.
 */
export function insertableCode(result: { text: string; refusal?: string }): string | undefined {
  return result.refusal === undefined ? codeFromAnswer(result.text) : undefined;
}

/** The replacement for `original`, ending with a line break (of the same kind) exactly when `original` does. */
export function replacementFor(original: string, answer: string): string {
  const code = codeFromAnswer(answer).replace(/\s+$/, '');
  if (original.endsWith('\r\n')) return `${code}\r\n`;
  return original.endsWith('\n') ? `${code}\n` : code;
}

/** The whole document as it would read with the replacement applied. */
export function proposedDocument(text: string, startOffset: number, endOffset: number, replacement: string): string {
  return text.slice(0, startOffset) + replacement + text.slice(endOffset);
}
