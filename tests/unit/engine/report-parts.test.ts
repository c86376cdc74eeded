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
    expect(parts.map((p) => (p.kind === 'part' ? p.items.length : 0))).toEqual([10, 10, 5, 10, 10, 5, 10, 1]);
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
  it('a long array equal to the one of the report before is not sent again: the page reuses its copy', () => {
    const sender = new ReportSender(10);
    const receiver = new ReportReceiver();
    const deliver = (id: number, value: unknown) => {
      const { messages, remember } = sender.prepare(id, structuredClone(value), true);
      remember();
      let out: unknown = null;
      for (const m of messages) out = receiver.receive(structuredClone(m)) ?? out;
      return { out: out as ReturnType<typeof report>, messages };
    };
    const first = deliver(1, report());
    // The verified report: the same listings and differences (new objects), one listing changed.
    const next = report();
    next.inputs[0].images[0].merged.files[3].size = 99;
    const second = deliver(2, next);
    expect(second.out).toEqual(next);
    expect(second.messages.filter((m) => m.kind === 'part').map((m) => m.kind === 'part' && m.hole)).toEqual([1, 1, 1]);
    const whole = second.messages.at(-1)!;
    expect(whole.kind === 'whole' && whole.holes.map((h) => h.from)).toEqual([1, undefined, 1]);
    expect(second.out.differences).toBe(first.out.differences);
    expect(second.out.inputs[0].images[0].layers[0].files).toBe(first.out.inputs[0].images[0].layers[0].files);
    expect(second.out.inputs[0].images[0].merged.files).not.toBe(first.out.inputs[0].images[0].merged.files);
    // A listing of another length is sent whole, not compared.
    const third = report();
    third.differences.push({ path: 'x', size: 0, layer: 2 });
    expect(deliver(3, third).out.differences).toHaveLength(12);
  });
});
