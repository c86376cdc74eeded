// Dev loop (not part of npm run bench): the built page on one pair, N runs, each run's page
// times and the engine's phase marks. node scripts/bench/drive.mjs DIST A B [RUNS]
import { startServer, pageRun } from './page-driver.mjs';
const [dist, a, b, runs = '3'] = process.argv.slice(2);
const server = await startServer(dist);
const round = (o) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, typeof v === 'number' ? Math.round(v) : v]));
try {
  for (let i = 0; i < Number(runs); i++) {
    const r = await pageRun(server.url, [a, b], { memory: false, exportReport: true });
    const st = r.report?.stats ?? {};
    console.log(JSON.stringify({ times: round(r.times), engine: round(st.timings), emb: st.embeddedTimestamps, evErr: st.evidenceErrors?.length }));
    for (const e of r.errors) console.log(e);
  }
} finally {
  await server.close?.();
}
