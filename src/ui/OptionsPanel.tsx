import { useEffect, useState } from 'preact/hooks';
import type { IgnoreOptions } from '../compare/types';
import { plural } from '../present/format';

export interface OptionsPanelProps {
  options: IgnoreOptions;
  onChange: (options: IgnoreOptions) => void;
  /** Differences the current options ignore; null while the explainer is loading. */
  ignored: number | null;
}

type Flag = Exclude<keyof IgnoreOptions, 'paths'>;

const FLAGS: { key: Flag; label: string; hint: string }[] = [
  {
    key: 'timestamps',
    label: 'Ignore timestamps',
    hint: 'file and entry mtimes, atime/ctime, config and history created, gzip MTIME, timestamp annotations, and .pyc, zip/jar and .gz files that differ only in a time they embed',
  },
  { key: 'fileOrder', label: 'Ignore file order', hint: 'order of entries in the archive and in layer tars' },
  { key: 'ownerNames', label: 'Ignore user and group names', hint: 'uname/gname (numeric uid/gid still count)' },
  { key: 'tarFormat', label: 'Ignore tar format', hint: 'ustar vs GNU vs pax encoding of the same metadata' },
  { key: 'history', label: 'Ignore history', hint: 'the config history entirely' },
  { key: 'imageName', label: 'Ignore image names', hint: 'ref.name / io.containerd.image.name annotations, RepoTags, repositories' },
  { key: 'modeBits', label: 'Ignore redundant mode bits', hint: 'modes that differ only in the file-type bits some writers put in the tar mode field' },
];

/** One glob per line (commas also separate); blank lines dropped. */
export function parsePaths(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Ignore options in the spirit of diffoci's --semantic. Every change re-explains the report
 * at once, on this page, without reading the archives again; the count says how many
 * differences the options set aside.
 */
export function OptionsPanel({ options, onChange, ignored }: OptionsPanelProps) {
  const [pathsText, setPathsText] = useState(options.paths.join('\n'));
  // Options replaced from outside (a new comparison) show up in the text box.
  useEffect(() => {
    if (parsePaths(pathsText).join('\n') !== options.paths.join('\n')) setPathsText(options.paths.join('\n'));
  }, [options.paths]);

  return (
    <section class="panel options" aria-labelledby="options-title">
      <h2 id="options-title">Ignore</h2>
      <div class="option-flags">
        {FLAGS.map((f) => (
          <div key={f.key} class="option">
            <input
              id={`opt-${f.key}`}
              type="checkbox"
              checked={!!options[f.key]}
              aria-describedby={`opt-${f.key}-hint`}
              onChange={(e) => onChange({ ...options, [f.key]: (e.currentTarget as HTMLInputElement).checked })}
            />
            <span>
              <label for={`opt-${f.key}`}>{f.label}</label>
              <span id={`opt-${f.key}-hint`} class="option-hint muted">
                {f.hint}
              </span>
            </span>
          </div>
        ))}
      </div>
      <label class="option-paths">
        Ignore paths
        <textarea
          rows={3}
          spellcheck={false}
          autocomplete="off"
          placeholder={'/var/log/**\n**/*.pyc'}
          aria-describedby="opt-paths-hint"
          value={pathsText}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLTextAreaElement).value;
            setPathsText(text);
            const paths = parsePaths(text);
            if (paths.join('\n') !== options.paths.join('\n')) onChange({ ...options, paths });
          }}
        />
      </label>
      <p id="opt-paths-hint" class="option-hint muted">
        Globs, one per line, matched against paths inside the layers: <code>**</code> crosses directories, <code>*</code> does not.
      </p>
      <p class="ignored-count" role="status">
        {ignored == null ? 'Loading the explainer…' : ignored === 0 ? 'No difference is ignored.' : `${plural(ignored, 'difference')} ignored.`}
      </p>
    </section>
  );
}
