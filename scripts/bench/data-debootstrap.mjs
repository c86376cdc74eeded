// Pair (1), the realistic rebuilt pair: two separate `debootstrap --variant=minbase` runs
// (they differ the way real rebuilds do: logs, caches, generated files, timestamps), each
// packed as a 2-layer image — layer 1 the root filesystem without /var, layer 2 /var —
// by GNU tar + umoci (OCI layout, history and config written by umoci at the time of the
// build), then converted by skopeo into a docker-archive (what `docker save` writes).
// The mirror is the one apt uses here (/etc/apt/sources.list[.d]).
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { have, sh } from './exec.mjs';

export const GENERATOR_VERSION = 2;

/** The Debian mirror and suite apt uses on this machine (deb822 .sources first, then sources.list). */
export function aptMirror() {
  const texts = [];
  for (const d of ['/etc/apt/sources.list.d']) {
    try {
      for (const f of readdirSync(d).sort()) if (f.endsWith('.sources') || f.endsWith('.list')) texts.push(readFileSync(join(d, f), 'utf8'));
    } catch {}
  }
  try {
    texts.push(readFileSync('/etc/apt/sources.list', 'utf8'));
  } catch {}
  for (const t of texts) {
    // deb822: URIs: … / Suites: … in the same stanza
    for (const stanza of t.split(/\n\s*\n/)) {
      const uri = /^URIs:\s*(\S+)/m.exec(stanza)?.[1];
      const suite = /^Suites:\s*(\S+)/m.exec(stanza)?.[1];
      if (uri && suite && /debian\/?$/.test(uri) && !/security/.test(uri + suite) && !/^Enabled:\s*no/im.test(stanza)) {
        return { mirror: uri, suite };
      }
    }
    for (const line of t.split('\n')) {
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s+/.exec(line.trim());
      if (m && /debian\/?$/.test(m[1]) && !/security/.test(m[1] + m[2])) return { mirror: m[1], suite: m[2] };
    }
  }
  const codename = /VERSION_CODENAME=(\w+)/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? 'bookworm';
  return { mirror: 'http://deb.debian.org/debian', suite: codename };
}

export function stampFor() {
  return { generator: 'data-debootstrap', version: GENERATOR_VERSION, ...aptMirror() };
}

/** Why the pair cannot be made here, or null when it can. */
export function unavailableReason() {
  if (process.getuid?.() !== 0) return 'debootstrap needs root';
  for (const t of ['debootstrap', 'umoci', 'skopeo', 'tar']) if (!have(t)) return `${t} is not installed`;
  return null;
}

/**
 * Makes a.tar and b.tar in `dir`. Returns meta with the commands, the sizes and the time
 * each debootstrap took. Throws (with debootstrap's log tail) when the mirror is unreachable.
 */
export async function makeDebootstrapPair(dir, { log = () => {} } = {}) {
  const { mirror, suite } = aptMirror();
  const sides = {};
  const commands = [];
  for (const side of ['a', 'b']) {
    const root = join(dir, `rootfs-${side}`);
    const t = performance.now();
    const boot = `debootstrap --variant=minbase ${suite} ${root} ${mirror}`;
    log(`$ ${boot}`);
    sh(`${boot} > '${dir}/debootstrap-${side}.log' 2>&1 || { tail -20 '${dir}/debootstrap-${side}.log' >&2; exit 1; }`);
    const bootMs = performance.now() - t;
    const top = readdirSync(root)
      .filter((n) => n !== 'var')
      .sort()
      .join(' ');
    const layout = join(dir, `layout-${side}`);
    const steps = [
      `tar -C ${root} --sort=name --numeric-owner -cf ${dir}/${side}-layer1.tar ${top}`,
      `tar -C ${root} --sort=name --numeric-owner -cf ${dir}/${side}-layer2.tar var`,
      `umoci init --layout ${layout}`,
      `umoci new --image ${layout}:minbase`,
      `umoci config --image ${layout}:minbase --os linux --architecture amd64 --config.cmd /bin/bash --author tarscope-bench`,
      `umoci raw add-layer --image ${layout}:minbase --history.created_by 'debootstrap --variant=minbase ${suite} (without /var)' ${dir}/${side}-layer1.tar`,
      `umoci raw add-layer --image ${layout}:minbase --history.created_by 'debootstrap --variant=minbase ${suite} (/var)' ${dir}/${side}-layer2.tar`,
      `skopeo --insecure-policy copy -q oci:${layout}:minbase docker-archive:${dir}/${side}.tar:tarscope/minbase:latest`,
    ];
    for (const s of steps) sh(s);
    if (side === 'a') commands.push(boot.replace(root, '<rootfs>'), ...steps.map((s) => s.replaceAll(dir, '<dir>').replaceAll(root, '<rootfs>')));
    sides[side] = {
      path: join(dir, `${side}.tar`),
      size: statSync(join(dir, `${side}.tar`)).size,
      format: 'docker-archive',
      debootstrapMs: Math.round(bootMs),
      rootfsBytes: Number(sh(`du -sb ${root} | cut -f1`).trim()),
      layerBytes: [1, 2].map((n) => statSync(join(dir, `${side}-layer${n}.tar`)).size),
    };
    for (const p of [root, layout, join(dir, `${side}-layer1.tar`), join(dir, `${side}-layer2.tar`)]) rmSync(p, { recursive: true, force: true });
    log(`pair (1) ${side}: ${(sides[side].size / 1e6).toFixed(0)} MB`);
  }
  if (!existsSync(sides.a.path) || !existsSync(sides.b.path)) throw new Error('debootstrap pair: archives missing');
  return { mirror, suite, archives: sides, commands, made: new Date().toISOString() };
}
