// The context keys that mark a set-up step done. Pure (no vscode import): the manifest test
// checks the walkthrough completes its steps on exactly these.
export const SETUP_STEPS = {
  /** A provider was added to the user's settings. */
  providerAdded: 'llmRouter.setup.providerAdded',
  /** A key (or a keyless server) listed the provider's models. */
  keyWorks: 'llmRouter.setup.keyWorks',
  /** Check Providers found every provider working. */
  checkPassed: 'llmRouter.setup.checkPassed',
  /** A request was answered. */
  answered: 'llmRouter.setup.answered',
} as const;

export type SetupStep = keyof typeof SETUP_STEPS;
