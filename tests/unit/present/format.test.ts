import { describe, it, expect } from 'vitest';
import {
  compressionLabel,
  exactBytes,
  formatBytes,
  formatDuration,
  formatIsoDate,
  formatMode,
  formatOctalMode,
  formatOwner,
  formatPlatform,
  formatRate,
  formatUnixTime,
  layerName,
  percent,
  remainingSeconds,
  shortDigest,
  shortMediaType,
} from '../../../src/present/format';

describe('formatBytes', () => {
  it('uses IEC units with 3 significant digits', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(12.34 * 1024 * 1024)).toBe('12.3 MiB');
    expect(formatBytes(152 * 1024 * 1024)).toBe('152 MiB');
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.00 GiB');
  });
  it('never prints 1024 of a unit', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MiB');
  });
  it('shows a dash for unknown sizes', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(undefined)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
  it('gives the exact count for titles', () => {
    expect(exactBytes(1234567)).toBe('1,234,567 bytes');
    expect(exactBytes(1)).toBe('1 byte');
    expect(exactBytes(null)).toBe('unknown size');
  });
});

describe('formatMode', () => {
  it('renders ls -l strings with the type character', () => {
    expect(formatMode(0o755, 'dir')).toBe('drwxr-xr-x');
    expect(formatMode(0o644, 'file')).toBe('-rw-r--r--');
    expect(formatMode(0o777, 'symlink')).toBe('lrwxrwxrwx');
    expect(formatMode(0o620, 'chardev')).toBe('crw--w----');
    expect(formatMode(0o600, 'fifo')).toBe('prw-------');
  });
  it('shows setuid, setgid and sticky bits as ls does', () => {
    expect(formatMode(0o4755, 'file')).toBe('-rwsr-xr-x');
    expect(formatMode(0o4644, 'file')).toBe('-rwSr--r--');
    expect(formatMode(0o2755, 'dir')).toBe('drwxr-sr-x');
    expect(formatMode(0o1777, 'dir')).toBe('drwxrwxrwt');
    expect(formatMode(0o1666, 'dir')).toBe('drw-rw-rwT');
  });
  it('ignores bits above the permission bits (tar modes may carry S_IFMT)', () => {
    expect(formatMode(0o100644, 'file')).toBe('-rw-r--r--');
    expect(formatOctalMode(0o100644)).toBe('0644');
    expect(formatOctalMode(0o4755)).toBe('4755');
  });
  it('omits the type character when no type is given', () => {
    expect(formatMode(0o640)).toBe('rw-r-----');
  });
});

describe('dates', () => {
  it('formats tar mtimes as ISO UTC', () => {
    expect(formatUnixTime(0)).toBe('1970-01-01T00:00:00Z');
    expect(formatUnixTime(1_700_000_000)).toBe('2023-11-14T22:13:20Z');
    expect(formatUnixTime(1_700_000_000.25)).toBe('2023-11-14T22:13:20.250Z');
    expect(formatUnixTime(null)).toBe('—');
  });
  it('keeps UTC config dates as written (nanoseconds included)', () => {
    expect(formatIsoDate('2024-03-01T10:00:05.123456789Z')).toBe('2024-03-01T10:00:05.123456789Z');
  });
  it('converts offsets to UTC', () => {
    expect(formatIsoDate('2024-03-01T10:00:03+02:00')).toBe('2024-03-01T08:00:03Z');
    expect(formatIsoDate('2024-03-01T10:00:03.987654-05:30')).toBe('2024-03-01T15:30:03.987Z');
  });
  it('shows unparseable values as they are', () => {
    expect(formatIsoDate('yesterday')).toBe('yesterday');
    expect(formatIsoDate(null)).toBe('—');
  });
});

describe('digests and names', () => {
  it('shortens sha256 digests to 12 hex digits', () => {
    expect(shortDigest(`sha256:${'ab'.repeat(32)}`)).toBe('abababababab');
    expect(shortDigest(`sha512:${'cd'.repeat(64)}`)).toBe('sha512:cdcdcdcdcdcd');
    expect(shortDigest(null)).toBe('—');
    expect(shortDigest('short')).toBe('short');
  });
  it('names platforms, owners, media types and layers', () => {
    expect(formatPlatform({ os: 'linux', architecture: 'arm64', variant: 'v8' })).toBe('linux/arm64/v8');
    expect(formatPlatform({ os: 'windows', architecture: 'amd64', 'os.version': '10.0.17763.1' })).toBe('windows/amd64 (10.0.17763.1)');
    expect(formatOwner(0, 0, 'root', 'root')).toBe('root:root');
    expect(formatOwner(1000, 50, '', '')).toBe('1000:50');
    expect(shortMediaType('application/vnd.oci.image.layer.v1.tar+gzip')).toBe('oci.image.layer.v1.tar+gzip');
    expect(layerName(0)).toBe('#1');
    expect(layerName(null)).toBe('—');
  });
  it('describes compression', () => {
    expect(compressionLabel(null)).toBe('not detected');
    expect(compressionLabel({ algorithm: 'none' })).toBe('none');
    expect(compressionLabel({ algorithm: 'gzip', members: [], trailingBytes: 0, trailingZeros: false })).toBe('gzip (0 members)');
    expect(compressionLabel({ algorithm: 'zstd', frames: [], trailingBytes: 3 })).toBe('zstd (0 frames, 3 trailing bytes)');
    expect(compressionLabel({ algorithm: 'xz' })).toBe('xz');
  });
});

describe('progress arithmetic', () => {
  const p = { phase: 'layers' as const, bytesDone: 25 * 1024 * 1024, bytesTotal: 100 * 1024 * 1024, rate: 5 * 1024 * 1024, elapsedMs: 5000 };
  it('estimates the time left at the average rate', () => {
    expect(remainingSeconds(p)).toBe(15);
    expect(formatDuration(remainingSeconds(p))).toBe('15 s');
    expect(remainingSeconds({ ...p, rate: 0 })).toBeNull();
    expect(remainingSeconds({ ...p, bytesTotal: 0 })).toBeNull();
  });
  it('formats durations and rates', () => {
    expect(formatDuration(0.2)).toBe('< 1 s');
    expect(formatDuration(125)).toBe('2 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
    expect(formatRate(5 * 1024 * 1024)).toBe('5.00 MiB/s');
    expect(formatRate(0)).toBe('—');
    expect(percent(25, 100)).toBe(25);
    expect(percent(5, 0)).toBeNull();
  });
});
