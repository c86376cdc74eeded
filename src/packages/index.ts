export type { Ecosystem, ImagePackage, ImagePackages, LayerPackages, PackageRecord, PackageSource, SourceKind } from './types';
export { sourceKind, MAX_LAYER_BYTES, MAX_SOURCE_BYTES } from './paths';
export { PackageCollector, type ByteSink } from './collect';
export { readSource } from './read';
export { imagePackages, type LayerInput } from './image';
export { Ownership, packageKey, packageLabel } from './ownership';
export { purl } from './purl';
export { cyclonedx, type SbomSubject } from './sbom-cyclonedx';
