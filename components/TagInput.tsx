import { useId, useMemo, useState } from 'preact/hooks';
import { t } from '../shared/i18n';

export interface TagOption {
  name: string;
  color: string;
  count?: number;
}

interface Props {
  value: string[];
  options: readonly TagOption[];
  onChange(tags: string[]): void;
  /** Longest tag name accepted (longer input is not turned into a tag). */
  maxChars: number;
}

/** The suggestions for `query`: existing tags containing it (not already chosen), most used first. */
export function suggestTags(options: readonly TagOption[], chosen: readonly string[], query: string, limit = 8): TagOption[] {
  const q = query.trim().toLowerCase();
  return options
    .filter((o) => !chosen.includes(o.name) && (!q || o.name.toLowerCase().includes(q)))
    .sort((a, b) => (b.count ?? 0) - (a.count ?? 0) || a.name.localeCompare(b.name, 'zh-CN'))
    .slice(0, limit);
}

/**
 * Tags as removable chips plus a combobox: typing suggests existing tags (↑/↓ to move, Enter to pick);
 * Enter on text no tag matches creates that tag; Backspace in an empty box removes the last tag.
 */
export function TagInput({ value, options, onChange, maxChars }: Props) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [open, setOpen] = useState(false);
  const id = useId();
  const shown = useMemo(() => suggestTags(options, value, query), [options, value, query]);
  const typed = query.trim();
  const add = (name: string) => {
    const n = name.trim();
    if (!n || n.length > maxChars || value.includes(n)) return;
    onChange([...value, n]);
    setQuery('');
    setActive(-1);
  };
  const listId = `${id}-list`;
  return (
    <div class="tags">
      {value.map((tag) => (
        <span class="tag" key={tag}>
          {tag}
          <button type="button" class="tag-x" aria-label={t('tagRemove', tag)} title={t('tagRemove', tag)} onClick={() => onChange(value.filter((x) => x !== tag))}>
            ×
          </button>
        </span>
      ))}
      <input
        type="text"
        role="combobox"
        aria-label={t('fieldTags')}
        aria-autocomplete="list"
        aria-expanded={open && shown.length > 0}
        aria-controls={listId}
        aria-activedescendant={active >= 0 ? `${id}-o${active}` : undefined}
        placeholder={t('tagsPlaceholder')}
        maxLength={maxChars}
        value={query}
        onInput={(e) => {
          setQuery((e.target as HTMLInputElement).value);
          setActive(-1);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.isComposing) return; // an IME is still composing Chinese
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            setOpen(true);
            const n = shown.length;
            if (n) setActive((a) => (e.key === 'ArrowDown' ? (a + 1) % n : (a - 1 + n) % n));
          } else if (e.key === 'Enter' || e.key === ',' || e.key === '，') {
            if (!typed && active < 0) return;
            e.preventDefault();
            add(active >= 0 && shown[active] ? shown[active].name : typed);
          } else if (e.key === 'Backspace' && !query && value.length) {
            onChange(value.slice(0, -1));
          } else if (e.key === 'Escape' && open && shown.length) {
            e.stopPropagation(); // close the list, not the editor
            setOpen(false);
          }
        }}
      />
      {open && shown.length > 0 && (
        <ul class="tag-list" role="listbox" id={listId} aria-label={t('fieldTags')}>
          {shown.map((o, i) => (
            <li
              key={o.name}
              id={`${id}-o${i}`}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus in the input
                add(o.name);
              }}
            >
              <span class="swatch" style={{ background: o.color }} aria-hidden="true" />
              {o.name}
              {o.count !== undefined && <span class="muted"> · {o.count}</span>}
            </li>
          ))}
        </ul>
      )}
      {typed && !options.some((o) => o.name === typed) && !value.includes(typed) && open && (
        <p class="hint" aria-live="polite">
          {t('tagCreate', typed)} ⏎
        </p>
      )}
    </div>
  );
}
