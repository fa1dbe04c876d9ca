"use client";

import { useId } from "react";
import { WEEKDAYS, weekdayOf, type RepeatChoice, type RepeatKind } from "@/shared/repeat-presets";

const DAY_NAMES = { MO: "Monday", TU: "Tuesday", WE: "Wednesday", TH: "Thursday", FR: "Friday", SA: "Saturday", SU: "Sunday" } as const;
const UNITS: Partial<Record<RepeatKind, string>> = { daily: "days", weekly: "weeks", "monthly-day": "months", "monthly-last": "months", yearly: "years" };

export interface RepeatFieldProps {
  choice: RepeatChoice;
  fromCompletion: boolean;
  /** The due day the rule counts from; without one the field is off (a repeat needs a due date). */
  due: Date | null;
  onChange: (choice: RepeatChoice, fromCompletion: boolean) => void;
  labelClass: string;
  fieldClass: string;
}

/** The details form's Repeat: a common rule or a custom RRULE, every N units, from the due date or from completion. */
export function RepeatField({ choice, fromCompletion, due, onChange, labelClass, fieldClass }: RepeatFieldProps) {
  const id = useId();
  const set = (patch: Partial<RepeatChoice>) => onChange({ ...choice, ...patch }, fromCompletion);
  const weekday = DAY_NAMES[weekdayOf(due ?? new Date())];
  const unit = UNITS[choice.kind];
  return (
    <div className="grid gap-2 sm:col-span-2 sm:grid-cols-[2fr_1fr]">
      <div>
        <label htmlFor={`${id}-kind`} className={labelClass}>Repeat</label>
        <select id={`${id}-kind`} className={fieldClass} value={due ? choice.kind : "none"} disabled={!due} aria-describedby={due ? undefined : `${id}-hint`} onChange={(e) => set({ kind: e.target.value as RepeatKind })}>
          <option value="none">Does not repeat</option>
          <option value="daily">Daily</option>
          <option value="weekdays">Every weekday (Monday to Friday)</option>
          <option value="weekly">Weekly</option>
          <option value="monthly-day">Monthly on day {due?.getDate() ?? 1}</option>
          <option value="monthly-last">Monthly on the last {weekday}</option>
          <option value="yearly">Yearly</option>
          <option value="custom">Custom rule (RRULE)</option>
        </select>
        {!due && <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500 dark:text-slate-400">A repeat counts from a due day: set one first.</p>}
      </div>
      {due && unit && (
        <div>
          <label htmlFor={`${id}-interval`} className={labelClass}>Every ({unit})</label>
          <input id={`${id}-interval`} type="number" min={1} max={99} className={fieldClass} value={choice.interval} onChange={(e) => set({ interval: Math.min(99, Math.max(1, Math.trunc(Number(e.target.value)) || 1)) })} />
        </div>
      )}
      {due && choice.kind === "weekly" && (
        <fieldset className="sm:col-span-2">
          <legend className={labelClass}>On</legend>
          <div className="mt-1 flex flex-wrap gap-x-3 gap-y-1">
            {WEEKDAYS.map((day) => (
              <label key={day} className="flex items-center gap-1 text-sm">
                <input
                  type="checkbox"
                  className="size-4 accent-brand"
                  checked={choice.days.includes(day)}
                  onChange={(e) => set({ days: e.target.checked ? [...choice.days, day] : choice.days.filter((d) => d !== day) })}
                />
                {DAY_NAMES[day].slice(0, 3)}
              </label>
            ))}
          </div>
        </fieldset>
      )}
      {due && choice.kind === "custom" && (
        <div className="sm:col-span-2">
          <label htmlFor={`${id}-rule`} className={labelClass}>Rule (RFC 5545 RRULE, e.g. FREQ=MONTHLY;BYDAY=1MO)</label>
          <input id={`${id}-rule`} className={`${fieldClass} font-mono`} value={choice.custom} spellCheck={false} onChange={(e) => set({ custom: e.target.value })} />
        </div>
      )}
      {due && choice.kind !== "none" && (
        <label className="flex items-center gap-1.5 text-sm sm:col-span-2">
          <input type="checkbox" className="size-4 accent-brand" checked={fromCompletion} onChange={(e) => onChange(choice, e.target.checked)} />
          Count from when it is done (not from the due date)
        </label>
      )}
    </div>
  );
}
