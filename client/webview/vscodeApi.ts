// The handle VS Code gives a webview script for talking to its extension.
import type { WebviewRequest } from './messages';

interface VsCodeApi {
  postMessage(message: WebviewRequest): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

// acquireVsCodeApi may be called only once per page.
export const vscode = acquireVsCodeApi();

/** `document.createElement` with text content only: webview text is never parsed as HTML. */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K, text?: string, attributes: Record<string, string> = {},
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`webview element #${id} is missing`);
  return found as T;
}
