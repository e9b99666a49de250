// @ts-check
// Where a language's pages sit under the site's root: English at the root, Chinese under zh/
// (mkdocs-static-i18n's layout, mkdocs.yml). The page's one statement of it, as
// ka_site.paths.language_prefix is the build's (tests/test_language_prefix.py holds them equal
// and finds the prefix written by hand nowhere else).

const CHINESE = "zh/";

/**
 * The folder of a language's pages under the site's root: "zh/" for Chinese, "" for English.
 * @param {string} lang
 */
export function languagePrefix(lang) {
  return lang === "zh" ? CHINESE : "";
}

/**
 * A page's address relative to the site's root without its language's folder: the same for the
 * page in either language (`zh/prioritising/screening/` → `prioritising/screening/`).
 * @param {string} path
 */
export function withoutLanguage(path) {
  return path.startsWith(CHINESE) ? path.slice(CHINESE.length) : path;
}
