// The names of the workspaces of a profile, by workspace id, so a window can say where agents'
// requests are counted in words ("the workspace “shapes”"): ids are hashes that reveal nothing
// (workspaceId.ts), and a window standing by behind another window's gateway only learns that
// window's id. Each window records its own name in a small file in the profile's global storage
// folder, which every window of the profile reads. Only the name VS Code shows for the
// workspace (a folder's base name), never its path. Pure Node, so unit-tested.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export const WORKSPACE_NAMES_FILE = 'workspace-names.json';

export class WorkspaceNames {
  private names: Record<string, string> = {};

  constructor(private readonly file: string) {}

  nameOf(workspaceId: string | undefined): string | undefined {
    return workspaceId === undefined ? undefined : this.names[workspaceId];
  }

  /** Reads what every window recorded; a missing or unreadable file knows no names. */
  async load(): Promise<void> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        this.names = Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      }
    } catch {
      // Nothing recorded yet, or a file cut short: the names are said again by the next window that records.
    }
  }

  /** Records this window's workspace name (read, merge, written whole), keeping the others'. */
  async remember(workspaceId: string, name: string): Promise<void> {
    await this.load();
    if (this.names[workspaceId] === name) return;
    this.names = { ...this.names, [workspaceId]: name };
    await mkdir(dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(temporary, `${JSON.stringify(this.names, null, 1)}\n`);
    await rename(temporary, this.file);
  }
}
