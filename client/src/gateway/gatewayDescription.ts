// How the gateway's state reads in the status bar tooltip and in messages. Pure, so unit-tested.
import type { GatewayStatus } from '../../../shared/protocol';

/**
 * Which workspace is which: this window's id, and the names windows recorded for theirs
 * (workspaceNames.ts), so messages say where agents' requests are counted in words.
 */
export interface WorkspaceNaming {
  thisWorkspaceId?: string;
  nameOf?: (workspaceId: string) => string | undefined;
}

/**
 * Where a running gateway counts agents' requests that name no workspace: the workspace of the
 * window that serves it. "this workspace (“shapes”)", "the workspace “api” of the window that
 * serves it", or without a known name "that window's workspace".
 */
export function countedIn(status: GatewayStatus, naming: WorkspaceNaming = {}): string {
  const id = status.workspaceId;
  const name = id === undefined ? undefined : naming.nameOf?.(id);
  if (!status.standby || (id !== undefined && id === naming.thisWorkspaceId)) {
    const here = name === undefined ? 'this workspace' : `this workspace (“${name}”)`;
    return status.standby ? `${here}, which that window has open too` : here;
  }
  return name === undefined ? "that window's workspace, not this one" : `the workspace “${name}” of that window, not this one`;
}

/**
 * One Markdown line for the spend tooltip, or undefined while the gateway is off. A gateway
 * standing by counts agents' requests in the serving window's workspace.
 */
export function gatewayTooltipLine(status: GatewayStatus | undefined, naming: WorkspaceNaming = {}): string | undefined {
  if (!status?.running || !status.url) return undefined;
  if (status.standby) {
    return `Gateway: \`${status.url}\` is served by another VS Code window; agents' requests are counted in ${countedIn(status, naming)}. ` +
      'This window takes it over if that one closes.';
  }
  return `Gateway: running on \`${status.url}\`${movedNote(status)}; agents' requests are counted in ${countedIn(status, naming)} unless they name another.`;
}

/** The notification after a start: where agents should point, and where their requests count. */
export function gatewayStartedMessage(status: GatewayStatus, naming: WorkspaceNaming = {}): string {
  if (status.standby) {
    return `LLM Router gateway: another VS Code window already serves ${status.url ?? '?'}, so agents keep that address; ` +
      `their requests are counted in ${countedIn(status, naming)}. This window takes the gateway over if that one closes. ` +
      'Agents send the token as their API key.';
  }
  return `LLM Router gateway running on ${status.url ?? '?'}${movedNote(status)}. Agents send the token as their API key; ` +
    `their requests are counted in ${countedIn(status, naming)}.`;
}

/** When a window standing by took the port over: agents' requests count here from now on. */
export function gatewayTakenOverMessage(status: GatewayStatus, naming: WorkspaceNaming = {}): string {
  return `This window now serves the LLM Router gateway (${status.url ?? '?'}): the window that served it closed or reloaded. ` +
    `Agents' requests are counted in ${countedIn({ ...status, standby: undefined }, naming)} from now on.`;
}

/** When a gateway standing by found another program on the port instead of the window it stood behind. */
export function gatewayMovedMessage(status: GatewayStatus): string {
  return `LLM Router gateway: another program has port ${status.requestedPort ?? '?'} now, so the gateway moved to ${status.url ?? '?'}. ` +
    'Agents set up for the old address need the new one: copy their configuration again.';
}

/**
 * After Stop Gateway, from the status before it: "stopped" only when it ran (run when it was
 * off, the command says so instead). With `llmRouter.gateway.enabled` every window starts one,
 * so another open window may take the port over: the user who wants agents cut off must know.
 */
export function gatewayStoppedMessage(before: GatewayStatus, startsWithVsCode: boolean): string {
  if (!before.running) return 'LLM Router: the gateway was not running (Start Gateway starts it).';
  if (before.standby) {
    return `LLM Router: this window no longer stands by for the gateway; the other VS Code window that serves ${before.url ?? '?'} keeps it running.`;
  }
  if (!startsWithVsCode) return 'LLM Router gateway stopped.';
  return 'LLM Router gateway stopped in this window. "llmRouter.gateway.enabled" starts it in every VS Code window, ' +
    'so any other open window takes the port over: turn that setting off to stop it everywhere.';
}

/** What to tell the user after the router server started again with the gateway wanted; `copy` offers Copy Gateway Configuration…. */
export interface RestartNotice {
  message: string;
  copy: boolean;
}

/**
 * After the router server started again (Restart Server, or after a crash), from the gateway's
 * status before it and what starting it again gave (a status, or why it failed): nothing while
 * agents keep the address they had, since the gateway is back there (or stands by behind another
 * window's on it) a moment later; said when it did not come back, or came back elsewhere. Never
 * "stopped" for a gateway that is back: that is what Stop Gateway says.
 */
export function gatewayAfterRestartNotice(before: GatewayStatus, after: GatewayStatus | { failed: string }): RestartNotice | undefined {
  if (!before.running || !before.url) return undefined;
  if ('failed' in after || !after.running || !after.url) {
    const why = 'failed' in after ? ` (${after.failed})` : '';
    return {
      message: `LLM Router gateway stopped: it did not start again after the router server restarted${why}. ` +
        `Agents using ${before.url} get no answer: see "LLM Router: Show Log", then run "LLM Router: Start Gateway".`,
      copy: false,
    };
  }
  if (after.url === before.url) return undefined;
  return {
    message: `LLM Router gateway: after the router server restarted, ${before.url} was no longer free, so the gateway moved to ${after.url}. ` +
      'Agents set up for the old address need the new one: copy their configuration again.',
    copy: true,
  };
}

/** Starts the gateway with VS Code (`llmRouter.gateway.enabled`), offered after a copy while it is off. */
export const START_WITH_VSCODE = 'Start with VS Code';

/**
 * After Copy Gateway Configuration: what was copied, and what would break it later. The
 * gateway lives in this window's router server: started by the command, it is gone after a
 * restart, and an agent pointed at it then fails to connect (Claude Code and Qwen Code keep
 * retrying for minutes without a word). A port that was taken makes the address change.
 */
export function configurationCopiedMessage(label: string, status: GatewayStatus, startsWithVsCode: boolean, naming: WorkspaceNaming = {}): string {
  const copied = `Copied the ${label} configuration for ${status.url ?? '?'}; it holds the gateway token, so keep it out of shared files.`;
  const moved = status.requestedPort === undefined
    ? ''
    : ` Port ${status.requestedPort} was taken, so this address can change when VS Code restarts: set llmRouter.gateway.port to a free port, then copy again.`;
  const lasting = startsWithVsCode ? '' : ` The gateway stops with VS Code; "${START_WITH_VSCODE}" starts it every time, so the agent keeps working.`;
  const counted = status.standby
    ? ` Another VS Code window serves this address: the agent's requests are counted in ${countedIn(status, naming)} (in this one's if that window closes).`
    : ` The agent's requests are counted in ${countedIn(status, naming)}.`;
  return `${copied}${moved}${counted}${lasting}`;
}

function movedNote(status: GatewayStatus): string {
  return status.requestedPort === undefined ? '' : ` (port ${status.requestedPort} was taken)`;
}
