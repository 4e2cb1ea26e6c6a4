// Who holds the port the hosted gateway wants? When another editor window's router server
// already serves it with the same token (SecretStorage is shared by every window of a
// profile), agents set up against that address work as they are: this window should not
// open a second gateway on some other port, which would hand out an address that changes
// at every restart. Only a gateway that knows the token answers GET /v1/router/usage with
// 200, and its answer names the workspace its requests count under.
/** Long enough for a busy router to answer a ledger read; short enough not to hold up a start. */
const PROBE_TIMEOUT_MS = 2_000;

export interface SiblingGateway {
  /** Where that gateway counts requests that name no workspace. */
  workspaceId: string;
}

/** The LLM Router gateway on `host:port` that accepts `token`, or undefined for anything else (or nothing). */
export async function probeSiblingGateway(host: string, port: number, token: string): Promise<SiblingGateway | undefined> {
  try {
    const response = await fetch(`http://${host}:${port}/v1/router/usage`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(PROBE_TIMEOUT_MS),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return undefined;
    }
    const body = (await response.json()) as { workspaceId?: unknown };
    return typeof body.workspaceId === 'string' ? { workspaceId: body.workspaceId } : undefined;
  } catch {
    // Not HTTP, not JSON, too slow, or gone: not a gateway this one can stand behind.
    return undefined;
  }
}
