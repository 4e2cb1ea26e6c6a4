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

function movedNote(status: GatewayStatus): string {
  return status.requestedPort === undefined ? '' : ` (port ${status.requestedPort} was taken)`;
}
