// Input boxes and pickers whose Enter can run a check (listing models with a key) while the
// box stays open: busy while it runs, and a failure shows in the box so the user can retype.
import * as vscode from 'vscode';

export interface CheckedInputOptions<T> {
  title: string;
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** Synchronous check of the text as it is typed; a string is the problem. */
  validate?: (value: string) => string | undefined;
  /**
   * Runs on Enter; `{ ok: true, value }` closes the box with the value, `{ ok: false,
   * problem }` keeps it open with the problem shown.
   */
  accept: (value: string) => Promise<{ ok: true; value: T } | { ok: false; problem: string }>;
}

/** Resolves with the accepted value, or undefined when the box was dismissed. */
export function checkedInput<T>(options: CheckedInputOptions<T>): Promise<T | undefined> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeHolder;
    box.password = options.password ?? false;
    box.ignoreFocusOut = true;
    let done = false;
    const finish = (value: T | undefined) => {
      if (done) return;
      done = true;
      resolve(value);
      box.dispose();
    };
    box.onDidChangeValue((value) => {
      box.validationMessage = options.validate?.(value);
    });
    box.onDidAccept(async () => {
      if (box.busy) return;
      const problem = options.validate?.(box.value);
      if (problem) {
        box.validationMessage = problem;
        return;
      }
      box.busy = true;
      box.enabled = false;
      try {
        const outcome = await options.accept(box.value);
        if (outcome.ok) finish(outcome.value);
        else box.validationMessage = { message: outcome.problem, severity: vscode.InputBoxValidationSeverity.Error };
      } finally {
        box.busy = false;
        box.enabled = true;
      }
    });
    box.onDidHide(() => finish(undefined));
    box.show();
  });
}

export interface ManyItem extends vscode.QuickPickItem {
  id: string;
}

/** A multi-select picker with some items preselected; resolves with the chosen ids (at least one). */
export function pickMany(title: string, placeHolder: string, items: ManyItem[], preselected: readonly string[]): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<ManyItem>();
    pick.title = title;
    pick.placeholder = placeHolder;
    pick.canSelectMany = true;
    pick.matchOnDescription = true;
    pick.ignoreFocusOut = true;
    pick.items = items;
    pick.selectedItems = items.filter((item) => preselected.includes(item.id));
    let done = false;
    pick.onDidAccept(() => {
      if (pick.selectedItems.length === 0) {
        pick.placeholder = 'Choose at least one model (Space ticks a model), then press Enter.';
        return;
      }
      done = true;
      resolve(pick.selectedItems.map((item) => item.id));
      pick.dispose();
    });
    pick.onDidHide(() => {
      if (!done) resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
}

/** Comma-separated model ids typed by hand, when the provider cannot list its own. */
export async function typeModelIds(title: string, why: string): Promise<string[] | undefined> {
  const typed = await vscode.window.showInputBox({
    title,
    prompt: `${why} Type the model ids to use, separated by commas.`,
    placeHolder: 'e.g. qwen2.5-coder:7b, llama3.1:8b',
    ignoreFocusOut: true,
    validateInput: (value) => (modelIdsOf(value).length === 0 ? 'Type at least one model id.' : undefined),
  });
  const ids = typed === undefined ? [] : modelIdsOf(typed);
  return ids.length > 0 ? ids : undefined;
}

export function modelIdsOf(text: string): string[] {
  return [...new Set(text.split(',').map((id) => id.trim()).filter((id) => id.length > 0))];
}
