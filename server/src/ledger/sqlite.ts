// Loads node:sqlite without its one-time "SQLite is an experimental feature"
// warning. The router server writes its log to stderr, which the VS Code client
// shows to users; a warning there on every start reads like a fault. Only that
// one warning, and only while the module loads, is dropped: every other warning
// (including other experimental features) still reaches process.emitWarning.
import type * as sqlite from 'node:sqlite';

const SQLITE_WARNING_PREFIX = 'SQLite is an experimental feature';

export type DatabaseSync = sqlite.DatabaseSync;
export type StatementSync = sqlite.StatementSync;

let loaded: typeof sqlite | undefined;

export function loadSqlite(): typeof sqlite {
  if (loaded) return loaded;
  const emitWarning = process.emitWarning;
  process.emitWarning = function filtered(this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (isSqliteExperimentalWarning(warning, rest[0])) return;
    return Reflect.apply(emitWarning, this, [warning, ...rest]);
  } as typeof process.emitWarning;
  try {
    loaded = process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  return loaded;
}

function isSqliteExperimentalWarning(warning: string | Error, typeOrOptions: unknown): boolean {
  const message = typeof warning === 'string' ? warning : warning.message;
  const type =
    typeof typeOrOptions === 'string'
      ? typeOrOptions
      : (typeOrOptions as { type?: unknown } | undefined)?.type;
  return type === 'ExperimentalWarning' && message.startsWith(SQLITE_WARNING_PREFIX);
}
