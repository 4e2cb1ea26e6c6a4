// What one client, or many, may hold of the gateway: time to send a request, sockets, and
// request bytes buffered in memory. Without them a few hundred silent sockets or a handful
// of 30 MB bodies would exhaust the process that also serves the editor's tools.
import type { ServerOptions } from 'node:http';

export interface GatewayLimits {
  /** A request's headers must arrive within this (also closes sockets that never send). */
  headersTimeoutMs: number;
  /** The whole request (headers and body) must arrive within this; answers are not limited. */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** How often the server checks the two timeouts above. */
  checkIntervalMs: number;
  /** Open connections beyond this are closed at once. */
  maxConnections: number;
  /** One request body (base64 images make them large); more answers 413. */
  maxBodyBytes: number;
  /** Bodies being read at once, all requests together; more answers 503. */
  maxBufferedBytes: number;
}

export const DEFAULT_LIMITS: GatewayLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 60_000,
  keepAliveTimeoutMs: 5_000,
  checkIntervalMs: 1_000,
  maxConnections: 256,
  maxBodyBytes: 32 * 1024 * 1024,
  maxBufferedBytes: 128 * 1024 * 1024,
};

export function serverOptions(limits: GatewayLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: limits.checkIntervalMs,
  };
}
