// Summarises a .cpuprofile: the functions with the most self time, and (with a name
// filter as the second argument) the most inclusive time. Run: node --import tsx bench/profile-top.ts FILE [N]
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const [file, countArg] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
const label = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber + 1}`;
const selfBy = new Map<string, number>();
const totalBy = new Map<string, number>();
let total = 0;
for (const [id, t] of self) {
  total += t;
  const n = byId.get(id)!;
  selfBy.set(label(n), (selfBy.get(label(n)) ?? 0) + t);
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const l = label(byId.get(cur)!);
    if (seen.has(l)) continue;
    seen.add(l);
    totalBy.set(l, (totalBy.get(l) ?? 0) + t);
  }
}
const n = Number(countArg ?? 40);
const pct = (t: number) => `${((100 * t) / total).toFixed(1)}%`.padStart(6);
console.log(`total ${(total / 1000).toFixed(0)} ms`);
console.log('--- self');
for (const [l, t] of [...selfBy].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(pct(t), l);
console.log('--- inclusive');
for (const [l, t] of [...totalBy].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(pct(t), l);

// With a third argument: who calls the functions of that name (self time by the nearest caller of ours, or node's own).
const callee = process.argv[4];
if (callee) {
  const by = new Map<string, number>();
  for (const [id, t] of self) {
    if (byId.get(id)!.callFrame.functionName !== callee) continue;
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 8; cur = parent.get(cur)) chain.push(byId.get(cur)!.callFrame.functionName || '(anon)');
    by.set(chain.join(' < '), (by.get(chain.join(' < ')) ?? 0) + t);
  }
  console.log(`--- callers of ${callee}`);
  for (const [l, t] of [...by].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(pct(t), l);
}
