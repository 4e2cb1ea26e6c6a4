// Builders for classifier inputs used across the classify tests.
import type { DocumentInput } from '../../../shared/protocol';

/** A document of `lines` lines of code, with lines [from, to) selected when a range is given. */
export function codeDocument(lines: number, selected?: [from: number, to: number], languageId = 'typescript'): DocumentInput {
  const text = Array.from({ length: lines }, (_, i) => `  const value${i} = compute(${i}); // step ${i}`).join('\n') + '\n';
  const selection = selected && { start: { line: selected[0], character: 0 }, end: { line: selected[1], character: 0 } };
  return { uri: 'file:///work/example.ts', languageId, text, selection };
}
