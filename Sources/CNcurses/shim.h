#ifndef KUBESIM_CNCURSES_SHIM_H
#define KUBESIM_CNCURSES_SHIM_H
// SwiftPM drops pkg-config's -D flags, so the wide-character API must be switched on here.
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <string.h>
#include <ncursesw/ncurses.h>

// Swift 6 refuses ncurses' C globals and macros; these wrappers expose them as functions.
static inline WINDOW *kubesim_stdscr(void) { return stdscr; }
static inline int kubesim_lines(void) { return LINES; }
static inline int kubesim_cols(void) { return COLS; }
static inline int kubesim_colors(void) { return COLORS; }
static inline attr_t kubesim_a_bold(void) { return A_BOLD; }
static inline attr_t kubesim_a_reverse(void) { return A_REVERSE; }
static inline attr_t kubesim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t kubesim_a_dim(void) { return A_DIM; }
static inline attr_t kubesim_color_pair(int n) { return COLOR_PAIR(n); }
// Whether the locale set by setlocale() encodes text as UTF-8 (else only ASCII is safe to draw).
static inline int kubesim_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}
#endif
