// Drops the slashes a URL or path ends with. A loop from the end, not `replace(/\/+$/, '')`:
// that regex retries from every slash of a run that is not at the end, so a request path of
// 16 KB of slashes followed by one letter (what a client may send before any token check)
// cost the gateway ~85 ms of its event loop; this costs one pass over the trailing run.

export function withoutTrailingSlashes(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 47 /* / */) end--;
  return end === text.length ? text : text.slice(0, end);
}
