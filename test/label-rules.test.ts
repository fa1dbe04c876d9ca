import { describe, expect, it } from "vitest";
import { labelName } from "@/shared/label-input";
import { LABEL_LIMITS, labelNameProblem } from "@/shared/label-rules";

/** The page checks a new label's name without zod (label-rules.ts); the API's schema must say the same. */
describe("label name rules", () => {
  const names = ["urgent", "  padded  ", "", "   ", "two words", "#hash", "tab\there", "bell\u0007", "x".repeat(LABEL_LIMITS.nameMax), "x".repeat(LABEL_LIMITS.nameMax + 1), "ünïcödé", "日本"];

  it("refuses what the API refuses, with the same message, and accepts the rest", () => {
    const verdicts = names.map((name) => {
      const api = labelName.safeParse(name);
      return [name, labelNameProblem(name.trim()), api.success ? null : api.error.issues[0]!.message];
    });
    for (const [name, page, api] of verdicts) expect(page, JSON.stringify(name)).toBe(api);
    expect(verdicts.map(([, page]) => page)).toEqual([
      null,
      null,
      "Label name must not be empty",
      "Label name must not be empty",
      "Label name must not contain spaces or #",
      "Label name must not contain spaces or #",
      "Label name must not contain control characters",
      "Label name must not contain control characters",
      null,
      `Label name must be at most ${LABEL_LIMITS.nameMax} characters`,
      null,
      null,
    ]);
  });
});
