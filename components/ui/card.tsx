import { useId, type ReactNode } from 'react';
import { cn } from './cn';

/** A white card with an optional heading; a labelled `<section>` when it has a title. */
export function Card({ title, description, actions, children, className, testId }: {
  title?: ReactNode;
  description?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
  testId?: string;
}) {
  const id = useId();
  return (
    <section
      aria-labelledby={title ? id : undefined}
      data-testid={testId}
      className={cn('rounded-lg border border-slate-200 bg-white p-4 shadow-sm', className)}
    >
      {(title || actions) && (
        <div className="mb-3 flex items-start justify-between gap-3">
          <div>
            {title && (
              <h2 id={id} className="text-base font-semibold text-slate-900">
                {title}
              </h2>
            )}
            {description && <p className="mt-0.5 text-slate-600">{description}</p>}
          </div>
          {actions && <div className="flex shrink-0 gap-2">{actions}</div>}
        </div>
      )}
      {children}
    </section>
  );
}
