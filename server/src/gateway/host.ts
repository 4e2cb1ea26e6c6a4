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
import type { PortHolds } from './port-hold';
import { probeSiblingGateway, type SiblingGateway } from './sibling-probe';

export const HOSTED_GATEWAY_HOST = '127.0.0.1';
/** The port tried first unless the caller names one; the standalone gateway's README example uses it too. */
export const DEFAULT_GATEWAY_PORT = 8787;

/** 32 random bytes: 43 URL-safe characters. */
export function newGatewayToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the hosted gateway is started with: loopback, the editor's token and workspace. */
export type HostedGatewayOptions = Required<Pick<GatewayOptions, 'host' | 'token' | 'log' | 'defaultWorkspace'>>;

type HostedStatus = Required<Pick<GatewayStatus, 'url' | 'port' | 'token' | 'workspaceId'>> & Pick<GatewayStatus, 'requestedPort' | 'standby'>;

interface Running {
  server: Server;
  status: HostedStatus;
  /** What start() was asked for, so the same request again changes nothing. */
  asked: { port: number; token?: string; workspaceId?: string };
  /** The workspace this process counts requests under, once it serves the port itself. */
  workspaceId: string;
  /** While standing by: the next try to take the port. */
  retry?: NodeJS.Timeout;
  /** Tries in a row that found the port held by something that is not a sibling gateway. */
  misses: number;
}

/**
 * How often a gateway standing by (another window's router serves its port) tries to take the
 * port: the gap an agent sees after the serving window closes. A failed bind is one system call;
 * the probe that follows it is one ledger read in the serving process.
 */
export const TAKEOVER_RETRY_MS = 2_000;
/** Tries in a row that must find a foreign program on the port before a gateway standing by moves off it. */
const FOREIGN_MISSES = 3;

export class GatewayHost {
  private running: Running | undefined;
  /** Serialises start/stop so two quick requests never race for the port. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    /** The server to run: the gateway over this process's Router, or in team mode the proxy to the team gateway. */
    private readonly serve: (options: HostedGatewayOptions) => Server,
    private readonly log: (line: string) => void,
    /** Told when the status changes on its own: a gateway standing by took the port, or lost its sibling to another program. */
    private readonly onChange: (status: GatewayStatus) => void = () => undefined,
    /** Where a server being restarted says its port is held (port-hold.ts); none: ports are never held. */
    private readonly holds?: PortHolds,
    private readonly retryMs = TAKEOVER_RETRY_MS,
  ) {}

  handle(params: GatewayParams): Promise<GatewayStatus> {
    return this.serialised(() => {
      if (params.action === 'start') return this.start(params);
      if (params.action === 'stop') return this.stop();
      if (params.action === 'hold') this.holdPort();
      return this.status();
    });
  }

  status(): GatewayStatus {
    return this.running ? { running: true, ...this.running.status } : { running: false };
  }

  /** Before this server's restart: a window standing by leaves the port this gateway serves alone until it serves it again. */
  private holdPort(): void {
    const status = this.running?.status;
    if (!status || status.standby || status.port !== this.running?.asked.port) return;
    if (this.holds?.hold(status.port)) this.log(`port ${status.port} held for the restart`);
  }

  private serialised<T>(work: () => T | Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Starts, or restarts when the port, token or workspace asked for changed; the same request again is a no-op. */
  private async start(params: GatewayParams): Promise<GatewayStatus> {
    const asked = { port: params.port ?? DEFAULT_GATEWAY_PORT, token: params.token, workspaceId: params.workspaceId };
    if (this.running && sameRequest(this.running.asked, asked)) return this.status();
    await this.stop();
    const token = params.token ?? newGatewayToken();
    const workspaceId = params.workspaceId ?? 'gateway';
    const server = this.serve({ host: HOSTED_GATEWAY_HOST, token, log: this.log, defaultWorkspace: workspaceId });
    const running: Running = { server, asked, workspaceId, status: serving(asked.port, token, workspaceId), misses: 0 };
    await this.claim(running);
    this.running = running;
    return this.status();
  }

  /**
   * Takes the port asked for. If another program has it: when that is another editor window's
   * gateway with this token, this one stands by (agents keep the address they were given, and
   * this one takes the port over when that window closes); otherwise any free port will do, and
   * the status says so, so the editor shows the URL that really works.
   */
  private async claim(running: Running): Promise<void> {
    const found = await this.tryPort(running);
    if (found === 'taken') return this.moveToFreePort(running);
    if (found === 'listening') return;
    running.status = { ...serving(running.asked.port, running.status.token, found.workspaceId), standby: true };
    this.standBy(running);
  }

  /** Listens on the port asked for, or finds who has it: a sibling gateway, or anything else. */
  private async tryPort(running: Running): Promise<'listening' | 'taken' | SiblingGateway> {
    const { server, asked } = running;
    try {
      running.status = serving(await listen(server, asked.port), running.status.token, running.workspaceId, asked.port);
      this.holds?.release(asked.port);
      return 'listening';
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || asked.port === 0) throw error;
    }
    return (await probeSiblingGateway(HOSTED_GATEWAY_HOST, asked.port, running.status.token)) ?? 'taken';
  }

  private async moveToFreePort(running: Running): Promise<void> {
    const port = await listen(running.server, 0);
    this.log(`port ${running.asked.port} is taken; the gateway listens on ${port} instead`);
    running.status = serving(port, running.status.token, running.workspaceId, running.asked.port);
  }

  /**
   * Standing by: tries the port again, and tells the editor when where agents' requests go
   * changed. A sibling that does not answer once may just be busy (its event loop held by a
   * long ledger write, a restart under way): only after FOREIGN_MISSES tries in a row is the
   * port taken to be another program's, and this gateway moves to a free one.
   */
  private async retake(running: Running): Promise<void> {
    if (this.running !== running) return; // stopped or restarted since
    // The serving window is restarting its server: its gateway is back on the port in a moment.
    if (this.holds?.isHeld(running.asked.port)) return this.standBy(running);
    const before = JSON.stringify(running.status);
    try {
      const found = await this.tryPort(running);
      if (found === 'taken' && ++running.misses < FOREIGN_MISSES) return this.standBy(running);
      if (found === 'taken') await this.moveToFreePort(running);
      else if (found !== 'listening') {
        running.misses = 0;
        running.status = { ...running.status, workspaceId: found.workspaceId };
        this.standBy(running);
      }
    } catch (error) {
      // Not a taken port (e.g. the loopback address went away): keep standing by.
      this.log(`could not take port ${running.asked.port}: ${(error as Error).message}`);
      return this.standBy(running);
    }
    if (this.running !== running) {
      // Stopped directly (the server shutting down) while this try was binding.
      if (running.server.listening) running.server.close();
      return;
    }
    if (running.status.port === running.asked.port && !running.status.standby) {
      this.log(`took over port ${running.status.port}: the gateway that served it stopped`);
    }
    if (JSON.stringify(running.status) !== before) this.onChange(this.status());
  }

  private standBy(running: Running): void {
    running.retry = setTimeout(() => void this.serialised(() => this.retake(running)), this.retryMs);
    running.retry.unref();
  }

  /** Stops listening and ends open connections (a stream in flight is aborted, and recorded as cancelled). */
  async stop(): Promise<GatewayStatus> {
    const running = this.running;
    this.running = undefined;
    if (running) {
      clearTimeout(running.retry);
      if (running.server.listening) {
        const closed = new Promise<void>((resolve) => running.server.close(() => resolve()));
        running.server.closeAllConnections();
        await closed;
      }
    }
    return { running: false };
  }
}

/** The status of a gateway this process serves on `port`; `requestedPort` when that is not the port asked for. */
function serving(port: number, token: string, workspaceId: string, asked?: number): HostedStatus {
  return {
    url: `http://${HOSTED_GATEWAY_HOST}:${port}/v1`,
    port,
    token,
    workspaceId,
    ...(asked !== undefined && port !== asked && asked !== 0 ? { requestedPort: asked } : {}),
  };
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
