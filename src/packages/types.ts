/**
 * The package records read from a layer's package databases, and the image's package list
 * built from them. Plain data (the report carries it as is: src/report re-exports these).
 */

/** Where a package comes from: the database format that named it. */
export type Ecosystem = 'deb' | 'apk' | 'rpm' | 'python' | 'npm' | 'go';

/** One installed package, as its database states it. */
export interface PackageRecord {
  ecosystem: Ecosystem;
  name: string;
  version: string;
  /** The source package (dpkg `Source:`), apk origin (`o:`). */
  source?: string;
  arch?: string;
  license?: string;
  /** Bytes, as the database states it (dpkg's Installed-Size is KiB: converted). */
  installedSize?: number;
  /** Paths the database says the package installed (normalised: no leading `/`). */
  files?: string[];
  /** A directory the package owns as a whole (npm: the folder of its package.json). */
  root?: string;
}

/** What kind of package-database file a path is (`paths.ts` decides). */
export type SourceKind =
  | 'dpkg-status'
  | 'dpkg-list'
  | 'apk-installed'
  | 'python-metadata'
  | 'python-record'
  | 'npm-package'
  | 'rpm-sqlite'
  | 'go-binary'
  | 'os-release';

/** One package-database file found in a layer and what it says. */
export interface PackageSource {
  path: string;
  kind: SourceKind;
  /** Packages it declares (status databases, METADATA, package.json). */
  packages?: PackageRecord[];
  /** For file lists (dpkg `info/<pkg>.list`, a dist-info RECORD): the package they belong to … */
  owner?: string;
  /** … and the files they list. */
  files?: string[];
  /** go-binary: the Go version that built it. */
  goVersion?: string;
  /** os-release: the distribution id (`ID=`), for package URLs. */
  distro?: string;
  /** Why it could not be read (a parse error, a file over the size cap, no reader). */
  error?: string;
}

/** The package databases of one layer (the scan's capture, parsed in the Worker). */
export interface LayerPackages {
  sources: PackageSource[];
  /** Set when some database files were not kept because the layer's budget ran out. */
  capped?: string;
}

/** A package of the image: its record, the database it is listed in, and the layer that put
 *  it (or its current version) there. */
export interface ImagePackage extends PackageRecord {
  /** Index of the layer that installed it or last changed its version. */
  layer: number;
  /** The database file it is listed in (`var/lib/dpkg/status`, a METADATA path, …). */
  db: string;
  /** Number of files it owns (its database's list; 0 when the database lists none). */
  fileCount: number;
}

/** The packages of one image (ImageReport.packages). */
export interface ImagePackages {
  packages: ImagePackage[];
  /** Distribution id from os-release (`alpine`, `debian`), when found. */
  distro?: string;
  /** What could not be read, and why (caps, rpm without a sqlite reader, parse errors). */
  notes: string[];
}
