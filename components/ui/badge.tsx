import type { ReactNode } from 'react';
import { cn } from './cn';

/** Colour of a badge: neutral, good, warning, bad, info. */
export type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const tones: Record<Tone, string> = {
  neutral: 'bg-slate-100 text-slate-700 ring-slate-300',
  success: 'bg-green-50 text-green-800 ring-green-300',
  warning: 'bg-amber-50 text-amber-900 ring-amber-300',
  danger: 'bg-red-50 text-red-800 ring-red-300',
  info: 'bg-blue-50 text-blue-800 ring-blue-300',
};

/** A small label for a state; the text carries the meaning, the colour only repeats it. */
export function Badge({ tone = 'neutral', children, className, testId }: { tone?: Tone; children: ReactNode; className?: string; testId?: string }) {
  return (
    <span data-testid={testId} className={cn('inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset', tones[tone], className)}>
      {children}
    </span>
  );
}
