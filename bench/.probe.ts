import { startChild } from '/work/main/bench/lib/proc.ts';
import { request, Jar } from '/work/main/bench/lib/client.ts';
import { summarizeProfile } from '/work/main/bench/lib/profile.ts';
import autocannon from 'autocannon';
import { readdir } from 'node:fs/promises';
const emu = await startChild<any>('emu', 'servers/emulators.ts', {});
const cfg = { store: 'memory', redisPrefix: 'x:', emulators: emu.info };
const which = process.argv[2] ?? 'bare';
const srv = await startChild<any>('probe', `servers/${which}.ts`, { BENCH_CONFIG: JSON.stringify(cfg) }, { cpuProfDir: '/tmp/prof' });
const url = `http://127.0.0.1:${srv.info.port}`;
const jar = new Jar();
const r = await request(`${url}/__bench/login`, { method: 'POST' }); jar.store(r.headers);
for (const d of [2, 4]) {
  const res = await autocannon({ url: `${url}/protected`, connections: 20, duration: d, headers: { cookie: jar.header() } });
  console.log(d, res.requests.average, res['2xx'], res.non2xx);
}
await srv.stop(); await emu.stop();
const files = (await readdir('/tmp/prof')).filter(f => f.startsWith('probe')).sort();
const s = await summarizeProfile(`/tmp/prof/${files.at(-1)}`, '/work/main', 25);
console.log(s.owners.slice(0, 12));
console.log(s.hottest.map(h => `${h.selfPct.toFixed(1)} ${h.where}`).join('\n'));
console.log('busy', s.busyMs, 'idle%', s.idlePct);
