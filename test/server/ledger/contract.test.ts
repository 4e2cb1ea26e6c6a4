// The LedgerStore contract on the embedded SQLite ledger (the same suite runs on PostgreSQL in test/team/).
import { SqliteLedgerStore } from '../../../server/src/ledger/sqlite-store';
import { describeLedgerContract } from './contract/ledger-contract';
import { makeTempDir, removeDir } from './helpers';

describeLedgerContract('SQLite', async () => {
  const dir = makeTempDir();
  const store = SqliteLedgerStore.open(dir);
  return {
    store,
    cleanup: async () => {
      store.close();
      removeDir(dir);
    },
  };
});
