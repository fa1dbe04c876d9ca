import type { LabelColor } from "@/shared/label-rules";

/**
 * Each label colour as a chip (text on a tint, 4.5:1 or more in both themes) and as a dot. Literal class
 * names, so Tailwind finds them.
 */
export const LABEL_STYLES: Record<LabelColor, { chip: string; dot: string }> = {
  gray: { chip: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200", dot: "bg-slate-500" },
  red: { chip: "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200", dot: "bg-red-600" },
  orange: { chip: "bg-orange-100 text-orange-800 dark:bg-orange-950 dark:text-orange-200", dot: "bg-orange-600" },
  amber: { chip: "bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200", dot: "bg-amber-500" },
  green: { chip: "bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200", dot: "bg-green-600" },
  teal: { chip: "bg-teal-100 text-teal-800 dark:bg-teal-950 dark:text-teal-200", dot: "bg-teal-600" },
  blue: { chip: "bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200", dot: "bg-blue-600" },
  indigo: { chip: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-200", dot: "bg-indigo-600" },
  purple: { chip: "bg-purple-100 text-purple-800 dark:bg-purple-950 dark:text-purple-200", dot: "bg-purple-600" },
  pink: { chip: "bg-pink-100 text-pink-800 dark:bg-pink-950 dark:text-pink-200", dot: "bg-pink-600" },
};

/** What a colour is called in a menu. */
export const colorName = (color: LabelColor) => color[0]!.toUpperCase() + color.slice(1);
