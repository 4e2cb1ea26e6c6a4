// Regenerates server/src/catalog/prices.json from LiteLLM's full price table.
// Usage: tsx scripts/update-prices.ts <model_prices_and_context_window.json> [snapshot date]
// See data/litellm-prices/SOURCE.txt for where the input comes from.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { trimPriceTable } from '../server/src/catalog/build/trimPrices';

const [inputPath, snapshotDate = new Date().toISOString().slice(0, 10)] = process.argv.slice(2);
if (!inputPath) {
  console.error('usage: tsx scripts/update-prices.ts <model_prices_and_context_window.json> [YYYY-MM-DD]');
  process.exit(2);
}

const outputPath = join(__dirname, '..', 'server', 'src', 'catalog', 'prices.json');
const full = JSON.parse(readFileSync(inputPath, 'utf8')) as Record<string, unknown>;
const source = `LiteLLM model_prices_and_context_window.json (MIT, github.com/BerriAI/litellm), snapshot ${snapshotDate}`;
const snapshot = trimPriceTable(full, source);

// One model per line: small diffs when prices change, still compact.
const lines = Object.entries(snapshot.models).map(([key, entry]) => `    ${JSON.stringify(key)}: ${JSON.stringify(entry)}`);
const text = `{\n  "source": ${JSON.stringify(source)},\n  "models": {\n${lines.join(',\n')}\n  }\n}\n`;
writeFileSync(outputPath, text);
console.log(`wrote ${outputPath}: ${lines.length} chat models, ${Buffer.byteLength(text)} bytes`);
