/**
 * The options every pdf.js getDocument call of the extension takes, in the reader page and in the CLI alike.
 * pdf.js reads the text of a CJK font that is not embedded (STSong-Light, SimSun with UniGB-UCS2-H: common in
 * government PDFs) only with the Adobe CMaps, and draws the 14 standard fonts only with their font data; both
 * ship with pdfjs-dist and are copied into the extension at build time (wxt.config.ts) under PDFJS_ASSETS.
 */

/** Where the build puts pdfjs-dist's cmaps/ and standard_fonts/ inside the extension. */
export const PDFJS_ASSETS = 'pdfjs';

/** The folders of pdfjs-dist copied into the extension, by name. */
export const PDFJS_ASSET_DIRS = ['cmaps', 'standard_fonts'] as const;

/**
 * getDocument's source for `data`: `assets` is a base ending in '/' that holds cmaps/ and standard_fonts/ (the
 * extension's /pdfjs/ address in the reader page, the pdfjs-dist folder on disk in Node).
 */
export function pdfSource(data: Uint8Array, assets: string, password?: string) {
  const base = assets.endsWith('/') ? assets : `${assets}/`;
  return {
    data,
    password,
    isEvalSupported: false,
    cMapUrl: `${base}cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${base}standard_fonts/`,
  };
}
