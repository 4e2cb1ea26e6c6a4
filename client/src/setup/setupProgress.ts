// Marks a set-up step done, only when it succeeded: the walkthrough completes its steps on
// these context keys (`onContext:`), so a dismissed key box or a failed request never ticks a step.
import * as vscode from 'vscode';
import { SETUP_STEPS, type SetupStep } from './setupSteps';

const done = new Set<SetupStep>();

export function markSetupStep(step: SetupStep): void {
  done.add(step);
  void vscode.commands.executeCommand('setContext', SETUP_STEPS[step], true);
}

/**
 * Sets the keys of the steps done so far again. VS Code creates its walkthrough service
 * lazily (when the Welcome page first opens, unless it opens at start-up), and a service
 * created after a key was set does not see it; a change it does see ticks the step.
 */
export async function replaySetupSteps(): Promise<void> {
  for (const step of done) {
    await vscode.commands.executeCommand('setContext', SETUP_STEPS[step], false);
    await vscode.commands.executeCommand('setContext', SETUP_STEPS[step], true);
  }
}
