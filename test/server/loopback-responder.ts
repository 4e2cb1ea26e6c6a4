// A real HTTP server on 127.0.0.1 for a test file, answering each request with whatever the
// current test put in `respond`, started before each test and closed (connections too) after.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackResponder {
  /** How the next requests are answered; each test sets its own. */
  respond: (res: ServerResponse) => void;
  port(): number;
}

export function useLoopbackResponder(): LoopbackResponder {
  let server: Server;
  const responder: LoopbackResponder = {
    respond: () => undefined,
    port: () => (server.address() as AddressInfo).port,
  };
  beforeEach(async () => {
    server = createServer((_req, res) => responder.respond(res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return responder;
}
