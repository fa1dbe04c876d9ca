import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypeScript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypeScript,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  // The layers of shared/ARCHITECTURE.md, one way only. Clients may know the server's types (AppRouter),
  // never its code; shared modules belong to no side; the server never reaches into the browser's layer.
  {
    files: ["src/client/**", "src/shared/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^(@/|(\\.\\./)+)server/", allowTypeImports: true, message: "Clients and shared modules import the server's types only: move shared code to src/shared." },
            { regex: "^(@/|(\\.\\./)+)(lib|components|app)/", message: "Clients and shared modules never import the browser's layer: move shared code to src/shared." },
          ],
        },
      ],
    },
  },
  {
    files: ["src/server/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(@/|(\\.\\./)+)(lib|components|client)/", message: "The server never imports the browser's or the clients' layer: move shared code to src/shared." }] },
      ],
    },
  },
  {
    ignores: [".next/**", "bench/bare-page/.next/**", "dist/**", "node_modules/**", "playwright-report/**", "test-results/**", "next-env.d.ts", "data/**"],
  },
];

export default config;
