/** Small layers shared by the image tests (real tars, built in memory). */
import { layerTar } from '../../builders/image';

export const BASE = layerTar([
  { name: 'etc/', typeflag: '5' },
  { name: 'etc/os-release', data: 'ID=test\n' },
  { name: 'bin/', typeflag: '5' },
  { name: 'bin/sh', data: 'not really a shell\n', mode: 0o755 },
]);
export const APP = layerTar([
  { name: 'app/', typeflag: '5' },
  { name: 'app/run.sh', data: '#!/bin/sh\necho hi\n', mode: 0o755 },
]);
export const CLEANUP = layerTar([{ name: 'etc/.wh.os-release', data: '' }]);
