// How the gateway's state reads in the status bar tooltip and in messages. Pure, so unit-tested.
import type { GatewayStatus } from '../../../shared/protocol';

/** One Markdown line for the spend tooltip, or undefined while the gateway is off. */
export function gatewayTooltipLine(status: GatewayStatus | undefined): string | undefined {
  if (!status?.running || !status.url) return undefined;
  return `Gateway: running on \`${status.url}\`${movedNote(status)}; its requests count in this workspace unless they name another.`;
}

/** The notification after a start: where agents should point. */
export function gatewayStartedMessage(status: GatewayStatus): string {
  return `LLM Router gateway running on ${status.url ?? '?'}${movedNote(status)}. Agents send the token as their API key.`;
}

/** After Stop Gateway: "stopped" only when it ran; run when it was off, the command says so instead. */
export function gatewayStoppedMessage(wasRunning: boolean): string {
  return wasRunning ? 'LLM Router gateway stopped.' : 'LLM Router: the gateway was not running (Start Gateway starts it).';
}

/** Starts the gateway with VS Code (`llmRouter.gateway.enabled`), offered after a copy while it is off. */
export const START_WITH_VSCODE = 'Start with VS Code';

/**
 * After Copy Gateway Configuration: what was copied, and what would break it later. The
 * gateway lives in this window's router server: started by the command, it is gone after a
 * restart, and an agent pointed at it then fails to connect (Claude Code and Qwen Code keep
 * retrying for minutes without a word). A port that was taken makes the address change.
 */
export function configurationCopiedMessage(label: string, status: GatewayStatus, startsWithVsCode: boolean): string {
  const copied = `Copied the ${label} configuration for ${status.url ?? '?'}; it holds the gateway token, so keep it out of shared files.`;
  const moved = status.requestedPort === undefined
    ? ''
    : ` Port ${status.requestedPort} was taken, so this address can change when VS Code restarts: set llmRouter.gateway.port to a free port, then copy again.`;
  const lasting = startsWithVsCode ? '' : ` The gateway stops with VS Code; "${START_WITH_VSCODE}" starts it every time, so the agent keeps working.`;
  return `${copied}${moved}${lasting}`;
}

function movedNote(status: GatewayStatus): string {
  return status.requestedPort === undefined ? '' : ` (port ${status.requestedPort} was taken)`;
}
