/** The colour scheme a user chose; `system` follows the operating system. */
export type Theme = "system" | "light" | "dark";

/** Where the choice is kept in the browser. */
export const THEME_STORAGE_KEY = "theme";

/**
 * Runs in <head> before the first paint (so a dark choice never flashes light): applies the stored
 * choice as `data-theme` on <html>. Kept tiny and dependency-free; it is inlined as text.
 */
export const applyStoredThemeScript = `try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});if(t==="light"||t==="dark")document.documentElement.dataset.theme=t}catch(e){}`;
