import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { applyStoredThemeScript } from "@/lib/theme";
import { Toasts } from "@/components/toasts";
import { TRPCReactProvider } from "@/lib/trpc";
import "./globals.css";

export const metadata: Metadata = {
  title: "Tasks",
  description: "A task manager whose security model is the point.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The page's CSP allows only scripts carrying this request's nonce (src/proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    // The theme script sets data-theme on <html> before React hydrates: expected, not a mismatch.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: applyStoredThemeScript }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <TRPCReactProvider>{children}</TRPCReactProvider>
        <Toasts />
      </body>
    </html>
  );
}
