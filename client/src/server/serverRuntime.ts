// Picks the Node that runs the router server. The extension host's own Node is used when
// it has node:sqlite (VS Code 1.101+); older hosts fall back to a `node` on the PATH.
import { execFile } from 'node:child_process';
import { canRunServer } from './nodeVersion';

export interface RuntimeChoice {
  /** Passed to the language client; undefined means "the extension host's Node". */
  runtime: string | undefined;
  note: string;
}

export async function chooseServerRuntime(hostNodeVersion: string = process.versions.node): Promise<RuntimeChoice> {
  if (canRunServer(hostNodeVersion)) {
    return { runtime: undefined, note: `running the server on the extension host's Node ${hostNodeVersion}` };
  }
  const pathVersion = await versionOf('node');
  if (pathVersion !== undefined && canRunServer(pathVersion)) {
    return { runtime: 'node', note: `extension host Node ${hostNodeVersion} lacks node:sqlite; using node ${pathVersion} from PATH` };
  }
  return {
    runtime: undefined,
    note: `extension host Node ${hostNodeVersion} lacks node:sqlite and no Node >= 22.13 is on the PATH; ` +
      'the server may fail to start (install Node 22 or update VS Code)',
  };
}

function versionOf(command: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(command, ['--version'], { timeout: 3000, windowsHide: true }, (error, stdout) => {
      resolve(error ? undefined : stdout.trim());
    });
  });
}
