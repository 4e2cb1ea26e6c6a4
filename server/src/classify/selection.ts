// Reads the user's selection out of a document. Editors and other clients send
// ranges we cannot trust (reversed, past the end, fractional, negative), so every
// position is clamped into the text instead of throwing.
import type { DocumentInput, Position } from '../../../shared/protocol';

/** The selected text; '' when there is no selection or it is empty after clamping. */
export function selectedText(document: DocumentInput): string {
  const range = document.selection;
  if (!range) return '';
  const start = offsetOf(document.text, range.start);
  const end = offsetOf(document.text, range.end);
  return document.text.slice(Math.min(start, end), Math.max(start, end));
}

/** Inline chat in the data means "a request about selected code". */
export function hasSelection(document: DocumentInput | undefined): boolean {
  return document !== undefined && selectedText(document).length > 0;
}

/** Offset of an LSP position (zero-based line, UTF-16 character), clamped into the text. */
function offsetOf(text: string, position: Position): number {
  const targetLine = toIndex(position?.line);
  let lineStart = 0;
  for (let line = 0; line < targetLine; line++) {
    const newline = text.indexOf('\n', lineStart);
    if (newline === -1) return text.length;
    lineStart = newline + 1;
  }
  const lineEnd = text.indexOf('\n', lineStart);
  const lineLength = (lineEnd === -1 ? text.length : lineEnd) - lineStart;
  return lineStart + Math.min(toIndex(position?.character), lineLength);
}

function toIndex(value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value) || value <= 0) return 0;
  // +Infinity means "as far as it goes"; the line/character clamps above bound it.
  return Number.isFinite(value) ? Math.floor(value) : Number.MAX_SAFE_INTEGER;
}
