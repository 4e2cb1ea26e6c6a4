// The warning an answer carries when its model declined (ExecuteResult.warnings): written by
// the server, and recognised by the editor's faces, which show the refusal where the answer
// would be and so leave this warning out rather than say it twice.

/** Says the model declined, with its words when it gave any. */
export function refusalWarning(ref: string, words: string): string {
  return words.trim() === '' ? `${ref} declined to answer.` : `${ref} declined to answer: “${words.trim()}”`;
}

/** Whether `warning` is the refusal warning of an answer from `ref`. */
export function isRefusalWarning(warning: string, ref: string): boolean {
  return warning.startsWith(`${ref} declined to answer`);
}
