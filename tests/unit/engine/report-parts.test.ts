/**
 * A report in parts (src/engine/report-parts.ts): what the coordinator Worker sends the page, cut
 * so that no message is a long task to deserialize. Known answers: the report put back is equal
 * to the one sent; long arrays travel in slices of at most `max`; holes are found by path, so a
 * key from the archive (a label, an annotation) cannot pose as one; the report sent is unchanged.
 */
import { describe, expect, it } from 'vitest';
import { reportMessages, ReportReceiver, ReportSender, splitReport } from '../../../src/engine/report-parts';

const files = (n: number, layer: number) => Array.from({ length: n }, (_, i) => ({ path: `d/file-${i}.txt`, size: i, layer }));

function report() {
  return {
    kind: 'comparison',
    inputs: [
      {
        name: 'a.tar',
        images: [{ labels: { '0': 'x', holes: 'y' }, layers: [{ files: files(25, 0) }, { files: files(3, 1) }], merged: { files: files(25, 9) } }],
      },
      { name: 'b.tar', images: [] },
    ],
    differences: files(11, 2),
    causes: [{ id: 'file.mtime', differences: ['d1', 'd2'] }],
  };
}

/** Structured clone on the way, as postMessage does. */
function roundTrip(value: unknown, max: number, ignored?: number) {
  const r = new ReportReceiver();
  const messages = reportMessages(7, value, true, ignored, max).map((m) => structuredClone(m));
  let out: unknown = null;
  for (const m of messages) out = r.receive(m) ?? out;
  return { out, messages, receiver: r };
}

describe('report parts', () => {
  it('cuts every array longer than max into slices of at most max, and puts the report back equal', () => {
    const value = report();
    const before = structuredClone(value);
    const { out, messages, receiver } = roundTrip(value, 10);
    expect(out).toEqual(before);
    expect(value).toEqual(before); // the report sent is not changed
    const parts = messages.filter((m) => m.kind === 'part');
    // layers[0].files: 25 → 3 parts, merged.files: 25 → 3, differences: 11 → 2; layers[1].files (3) stays whole
    expect(parts.map((p) => (p.kind === 'part' ? (JSON.parse(p.json) as unknown[]).length : 0))).toEqual([10, 10, 5, 10, 10, 5, 10, 1]);
    expect(messages.at(-1)).toMatchObject({ kind: 'whole', id: 7, update: true });
    const whole = messages.at(-1)!;
    expect(whole.kind === 'whole' && whole.holes.map((h) => h.path.join('.'))).toEqual([
      'inputs.0.images.0.layers.0.files',
      'inputs.0.images.0.merged.files',
      'differences',
    ]);
    expect(receiver.take(7)).toBe(out);
    expect(receiver.take(6)).toBeUndefined();
  });

  it('parts may arrive in any order before their whole', () => {
    const value = report();
    const messages = reportMessages(1, value, false, undefined, 4);
    const parts = messages.slice(0, -1).reverse();
    const r = new ReportReceiver();
    for (const m of parts) expect(r.receive(structuredClone(m))).toBeNull();
    expect(r.receive(structuredClone(messages.at(-1)!))).toEqual(value);
  });

  it('a report with no long array is sent whole, as it is', () => {
    const value = report();
    const s = splitReport(value, 100);
    expect(s.value).toBe(value);
    expect(s.holes).toEqual([]);
    expect(reportMessages(3, value, true, 5, 100)).toEqual([{ kind: 'whole', id: 3, value, holes: [], update: true, ignored: 5 }]);
  });

  it('the root itself may be the long array', () => {
    const { out } = roundTrip(files(23, 0), 5);
    expect(out).toEqual(files(23, 0));
  });

  it('a lost part is an error that names the array, never a shorter report', () => {
    const messages = reportMessages(2, report(), true, undefined, 10);
    const r = new ReportReceiver();
    for (const m of messages.filter((_, i) => i !== 1)) {
      if (m.kind === 'whole') expect(() => r.receive(m)).toThrow('engine: report 2 lost part of inputs.0.images.0.layers.0.files (15 of 25)');
      else r.receive(m);
    }
  });
  const pipe = () => {
    const sender = new ReportSender(10);
    const receiver = new ReportReceiver();
    return (id: number, value: unknown) => {
      const messages = [...sender.messages(id, structuredClone(value), true)];
      let out: unknown = null;
      for (const m of messages) out = receiver.receive(structuredClone(m)) ?? out;
      const whole = messages.at(-1)!;
      if (whole.kind !== 'whole') throw new Error('no whole');
      return {
        out: out as ReturnType<typeof report>,
        messages,
        whole,
        sent: messages.flatMap((m) => (m.kind === 'part' ? (JSON.parse(m.json) as unknown[]) : [])),
      };
    };
  };

  it('a long array equal to the one of the report before is not sent again: the page reuses its copy', () => {
    const deliver = pipe();
    const first = deliver(1, report());
    // The verified report: the same listings and differences (new objects), one listing changed.
    const next = report();
    next.inputs[0].images[0].merged.files[3].size = 99;
    const second = deliver(2, next);
    expect(second.out).toEqual(next);
    // the changed listing: only its changed element crosses, the other 24 are the page's own
    expect(second.sent).toEqual([next.inputs[0].images[0].merged.files[3]]);
    expect(second.whole.holes.map((h) => [h.from, h.runs])).toEqual([
      [1, undefined],
      [1, [0, 3, -1, 1, 4, 21]],
      [1, undefined],
    ]);
    expect(second.out.differences).toBe(first.out.differences);
    expect(second.out.inputs[0].images[0].layers[0].files).toBe(first.out.inputs[0].images[0].layers[0].files);
    const merged = second.out.inputs[0].images[0].merged.files;
    expect(merged).not.toBe(first.out.inputs[0].images[0].merged.files);
    expect(merged[4]).toBe(first.out.inputs[0].images[0].merged.files[4]);
    expect(merged[3]).not.toBe(first.out.inputs[0].images[0].merged.files[3]);
  });

  it('elements inserted and removed: only the new ones cross, the rest are reused in their new order', () => {
    const deliver = pipe();
    const first = deliver(1, report());
    const next = report();
    // two differences found by verification, one in the middle and one at the end; one gone
    next.differences.splice(5, 0, { path: 'integrity', size: -1, layer: 7 });
    next.differences.push({ path: 'merged', size: -2, layer: 7 });
    next.differences.splice(1, 1);
    const second = deliver(2, next);
    expect(second.out).toEqual(next);
    expect(second.sent).toEqual([next.differences[4], next.differences[11]]);
    const old = first.out.differences;
    expect(second.out.differences.filter((d) => old.includes(d))).toHaveLength(10);
    expect(second.whole.holes.find((h) => h.path[0] === 'differences')?.runs).toEqual([0, 1, 2, 3, -1, 1, 5, 6, -1, 1]);
  });

  it('an array mostly new, or seen for the first time, is sent whole', () => {
    const deliver = pipe();
    deliver(1, report());
    const next = report();
    next.differences = files(11, 5); // every element differs (layer 5)
    next.inputs[1].images = [{ labels: {}, layers: [{ files: files(12, 3) }], merged: { files: files(12, 3) } }] as never;
    const second = deliver(2, next);
    expect(second.out).toEqual(next);
    const holes = second.whole.holes.map((h) => `${h.path.join('.')}:${h.from ?? '-'}`);
    expect(holes).toEqual([
      'inputs.0.images.0.layers.0.files:1',
      'inputs.0.images.0.merged.files:1',
      'inputs.1.images.0.layers.0.files:-',
      'inputs.1.images.0.merged.files:-',
      'differences:-',
    ]);
    expect(second.sent).toHaveLength(12 + 12 + 11);
  });

  it('runs that do not add up to what was sent are an error, not a wrong report', () => {
    const sender = new ReportSender(10);
    const receiver = new ReportReceiver();
    for (const m of sender.messages(1, report(), true)) receiver.receive(structuredClone(m));
    const next = report();
    next.differences[2].size = 5;
    const messages = [...sender.messages(2, next, true)];
    const whole = messages.at(-1)!;
    // its one part (the changed difference) lost on the way
    expect(messages.filter((m) => m.kind === 'part')).toHaveLength(1);
    expect(() => receiver.receive(whole)).toThrow("engine: a report's runs used 1 of the 0 elements sent");
  });
});
