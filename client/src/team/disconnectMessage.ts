// What Disconnect from Team Gateway says, also when there was nothing to disconnect (a
// command that does nothing in silence leaves the user guessing). Pure, unit-tested.

export function disconnectedMessage(gateway: string | undefined): string {
  return gateway === undefined
    ? 'LLM Router: not connected to a team gateway; requests already use your own providers.'
    : `LLM Router: disconnected from ${gateway}; requests use your own providers again.`;
}
