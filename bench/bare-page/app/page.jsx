/**
 * A bare App Router page on the app's own Next and React, with no code of its own: what it loads is the
 * framework's share of every page's first load (Next's runtime, its router's client components, React DOM).
 */
export default function Page() {
  return <h1>Bare page</h1>;
}
