/** The bare page's root layout: the least an App Router page has (bench/lib/first-load.ts). */
export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
