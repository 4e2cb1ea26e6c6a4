// What the command handlers share; built once in extension.ts.
import type * as vscode from 'vscode';
import type { KeyStore } from '../secrets/keyStore';
import type { RouterConnection } from '../server/routerConnection';
import type { AnswerPanel } from '../views/answerPanel';
import type { DashboardPanel } from '../views/dashboardPanel';
import type { ProposalDocuments } from '../views/proposalDocuments';

export interface CommandDeps {
  router: RouterConnection;
  answers: AnswerPanel;
  dashboard: DashboardPanel;
  proposals: ProposalDocuments;
  keys: KeyStore;
  log: vscode.LogOutputChannel;
}
