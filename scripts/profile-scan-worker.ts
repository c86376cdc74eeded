/** Chromium side of scripts/profile-scan.mjs: a module Worker that fetches the data and runs the stages. */
import { profile, setVerbose } from './profile-scan-stages';
import { kernelStages } from './profile-scan-kernel';

self.onmessage = async (ev: MessageEvent<{ runs: number; only?: string }>) => {
  try {
    const [tar, gz] = await Promise.all(['usr.tar', 'usr.tar.gz'].map((n) => fetch('/__profile/' + n).then((r) => r.blob())));
    console.log(`profile: data loaded (${tar.size} + ${gz.size} bytes)`);
    setVerbose(true);
    const extra = await kernelStages();
    console.log('profile: kernel loaded');
    const rows = await profile(tar, gz, ev.data.runs, extra, ev.data.only ? new RegExp(ev.data.only) : undefined);
    self.postMessage({ rows, size: tar.size, gzSize: gz.size });
  } catch (e) {
    self.postMessage({ error: String((e as Error)?.stack ?? e) });
  }
};
