// The server's log, at the level the user chose (llmRouter.trace). It goes to the
// client's output channel ("LLM Router: Show Log"). Never logs keys or prompt text.
import type { Connection } from 'vscode-languageserver/node';
import type { Settings } from '../../../shared/settings';

export class Trace {
  level: Settings['trace'] = 'off';

  constructor(private readonly connection: Connection) {}

  log(message: string): void {
    if (this.level !== 'off') this.connection.console.log(message);
  }

  decision(method: string, model: string, reasons: string[]): void {
    if (this.level === 'off') return;
    const detail = this.level === 'verbose' ? `: ${reasons.join('; ')}` : '';
    this.connection.console.log(`${method} -> ${model}${detail}`);
  }

  /** Errors are always logged: a user looking at the log after a failure needs them. */
  error(message: string): void {
    this.connection.console.error(message);
  }
}
