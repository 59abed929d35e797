import type { ReactNode } from 'react';
import { cn, focusRing } from './cn';

/** One entry of a side navigation. */
export interface NavItem<K extends string> {
  key: K;
  label: ReactNode;
}

/**
 * Vertical navigation between sections of a page. Items are links to `#key` (so a section can
 * be bookmarked and opened directly); the current one has aria-current="page".
 */
export function SideNav<K extends string>({ items, current, onSelect, label, testIdPrefix = 'nav-' }: {
  items: readonly NavItem<K>[];
  current: K;
  onSelect: (key: K) => void;
  /** Accessible name of the navigation landmark. */
  label: string;
  testIdPrefix?: string;
}) {
  return (
    <nav aria-label={label}>
      <ul className="flex flex-col gap-0.5">
        {items.map((item) => {
          const active = item.key === current;
          return (
            <li key={item.key}>
              <a
                href={`#${item.key}`}
                data-testid={`${testIdPrefix}${item.key}`}
                aria-current={active ? 'page' : undefined}
                onClick={(e) => {
                  e.preventDefault();
                  onSelect(item.key);
                }}
                className={cn(
                  'block rounded-md px-3 py-2 font-medium',
                  active ? 'bg-blue-50 text-blue-800' : 'text-slate-700 hover:bg-slate-100',
                  focusRing,
                )}
              >
                {item.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
