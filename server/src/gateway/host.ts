// The HTTP gateway hosted inside the editor's router server (router/gateway): the same
// Router instance serves it, so it spends with the keys the editor sent (router/setApiKeys),
// follows the editor's settings and writes the editor's ledger, and every request it
// records raises the editor's status bar (lsp-main.ts notifies on each ledger record).
// Always loopback, always with a token: any local program could otherwise spend money.
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewayParams, GatewayStatus } from '../../../shared/protocol';
import type { GatewayOptions } from './http-server';

export const HOSTED_GATEWAY_HOST = '127.0.0.1';
/** The port tried first unless the caller names one; the standalone gateway's README example uses it too. */
export const DEFAULT_GATEWAY_PORT = 8787;

/** 32 random bytes: 43 URL-safe characters. */
export function newGatewayToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the hosted gateway is started with: loopback, the editor's token and workspace. */
export type HostedGatewayOptions = Required<Pick<GatewayOptions, 'host' | 'token' | 'log' | 'defaultWorkspace'>>;

interface Running {
  server: Server;
  status: Required<Pick<GatewayStatus, 'url' | 'port' | 'token' | 'workspaceId'>> & Pick<GatewayStatus, 'requestedPort'>;
  /** What start() was asked for, so the same request again changes nothing. */
  asked: { port: number; token?: string; workspaceId?: string };
}

export class GatewayHost {
  private running: Running | undefined;
  /** Serialises start/stop so two quick requests never race for the port. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The server to run: the gateway over this process's Router, or in team mode the proxy to the team gateway. */
    private readonly serve: (options: HostedGatewayOptions) => Server,
    private readonly log: (line: string) => void,
  ) {}

  handle(params: GatewayParams): Promise<GatewayStatus> {
    const next = this.queue.then(() => {
      if (params.action === 'start') return this.start(params);
      if (params.action === 'stop') return this.stop();
      return this.status();
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  status(): GatewayStatus {
    return this.running ? { running: true, ...this.running.status } : { running: false };
  }

  /** Starts, or restarts when the port, token or workspace asked for changed; the same request again is a no-op. */
  private async start(params: GatewayParams): Promise<GatewayStatus> {
    const asked = { port: params.port ?? DEFAULT_GATEWAY_PORT, token: params.token, workspaceId: params.workspaceId };
    if (this.running && sameRequest(this.running.asked, asked)) return this.status();
    await this.stop();
    const token = params.token ?? newGatewayToken();
    const workspaceId = params.workspaceId ?? 'gateway';
    const server = this.serve({ host: HOSTED_GATEWAY_HOST, token, log: this.log, defaultWorkspace: workspaceId });
    let port: number;
    try {
      port = await listen(server, asked.port);
    } catch (error) {
      // Another program (or another editor window's gateway) has the port: any free one will do,
      // and the status says so, so the editor shows the URL that really works.
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || asked.port === 0) throw error;
      port = await listen(server, 0);
      this.log(`port ${asked.port} is taken; the gateway listens on ${port} instead`);
    }
    const status = {
      url: `http://${HOSTED_GATEWAY_HOST}:${port}/v1`,
      port,
      token,
      workspaceId,
      ...(port !== asked.port && asked.port !== 0 ? { requestedPort: asked.port } : {}),
    };
    this.running = { server, status, asked };
    return this.status();
  }

  /** Stops listening and ends open connections (a stream in flight is aborted, and recorded as cancelled). */
  async stop(): Promise<GatewayStatus> {
    const running = this.running;
    this.running = undefined;
    if (running) {
      const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
      running.server.closeAllConnections();
      await closed;
    }
    return { running: false };
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const fail = (error: Error) => reject(error);
    server.once('error', fail);
    server.listen(port, HOSTED_GATEWAY_HOST, () => {
      server.off('error', fail);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function sameRequest(a: Running['asked'], b: Running['asked']): boolean {
  return a.port === b.port && a.token === b.token && a.workspaceId === b.workspaceId;
}
