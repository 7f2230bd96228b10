import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const byId = new Map<number, any>(p.nodes.map((n: any) => [n.id, n]));
const c: Record<string, number> = {}; let tot = 0;
for (const s of p.samples) { const n = byId.get(s); const u = n.callFrame.url || n.callFrame.functionName; if (u === '(idle)') continue; tot++; const k = u.replace('file:///work/main/', '').replace(/node_modules\/([^/]+)\/.*/, 'nm:$1'); c[k] = (c[k] || 0) + 1; }
console.log(Object.entries(c).sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 40)).map(([k, v]) => `${(100 * v / tot).toFixed(1)} ${k}`).join('\n'));
