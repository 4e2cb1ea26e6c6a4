// Marks a set-up step done, only when it succeeded: the walkthrough completes its steps on
// these context keys (`onContext:`), so a dismissed key box or a failed request never ticks a step.
import * as vscode from 'vscode';
import { SETUP_STEPS, type SetupStep } from './setupSteps';

export function markSetupStep(step: SetupStep): void {
  void vscode.commands.executeCommand('setContext', SETUP_STEPS[step], true);
}
