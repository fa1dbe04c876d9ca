/** The app's name with its mark (the favicon's, src/app/icon.svg), on the pages before signing in. */
export function AppMark({ className = "" }: { className?: string }) {
  return (
    <p className={`flex items-center gap-2 text-lg font-semibold tracking-tight ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 32 32" className="size-8">
        <rect width="32" height="32" rx="7" fill="#2563eb" />
        <path d="M9 16.5l4.5 4.5L23 11" fill="none" stroke="#fff" strokeWidth="3.2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Tasks
    </p>
  );
}
