import { useDeferredValue, useState } from 'react';

/** Rows drawn at most; a list of thousands (variables, problems) is searched, not scrolled. */
export const shownRowLimit = 100;

/**
 * A long list drawn a page at a time: the rows whose text contains the filter (ignoring case),
 * at most `shownRowLimit` of them. `isLong` tells whether the list needs the filter at all.
 */
export function usePagedFilter<T>(items: readonly T[], textOf: (item: T) => string) {
  const [filter, setFilter] = useState('');
  const needle = useDeferredValue(filter.trim().toLowerCase());
  const matching = needle
    ? items.filter((item) => textOf(item).toLowerCase().includes(needle))
    : items;
  return {
    filter,
    setFilter,
    matching,
    shown: matching.slice(0, shownRowLimit),
    isLong: items.length > shownRowLimit,
  };
}

interface ListFilterProps {
  /** The search box's accessible name, e.g. `Filter variables`. */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** How many rows match and are shown. */
  hint: string;
  className: string;
  /** Announce the hint as it changes (a list the author filters to act on). */
  liveHint?: boolean;
}

/** The search box above a long list, with how many of its rows match. */
export function ListFilter({
  label,
  placeholder,
  value,
  onChange,
  hint,
  className,
  liveHint,
}: ListFilterProps) {
  return (
    <div className={`field ${className}`}>
      <input
        type="search"
        className="nodrag"
        aria-label={label}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
      <p className="field-hint" aria-live={liveHint ? 'polite' : undefined}>
        {hint}
      </p>
    </div>
  );
}
