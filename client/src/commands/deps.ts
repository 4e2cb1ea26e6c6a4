// What the command handlers share; built once in extension.ts.
import type * as vscode from 'vscode';
import type { KeyStore } from '../secrets/keyStore';
import type { RouterConnection } from '../server/routerConnection';
import type { AnswerPanel } from '../views/answerPanel';
import type { DashboardPanel } from '../views/dashboardPanel';
import type { ProposalDocuments } from '../views/proposalDocuments';
import type { ReportDocuments } from '../views/reportDocuments';

export interface CommandDeps {
  router: RouterConnection;
  answers: AnswerPanel;
  dashboard: DashboardPanel;
  proposals: ProposalDocuments;
  reports: ReportDocuments;
  keys: KeyStore;
  log: vscode.LogOutputChannel;
}
