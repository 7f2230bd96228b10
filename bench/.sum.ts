import { summarizeProfile } from '/work/main/bench/lib/profile.ts';
const s = await summarizeProfile(process.argv[2]!, '/work/main', Number(process.argv[3] ?? 30));
console.log('busy', s.busyMs.toFixed(0), 'idle', s.idlePct.toFixed(1));
console.log(s.owners.slice(0,14).map(o => `${o.owner} ${o.selfPct.toFixed(1)} (${o.totalPct.toFixed(1)})`).join('\n'));
console.log('--- ours own/total/self'); console.log(s.ours.map(h => `${h.ownPct.toFixed(1)} ${h.totalPct.toFixed(1)} ${h.selfPct.toFixed(1)} ${h.where}`).join('\n'));
