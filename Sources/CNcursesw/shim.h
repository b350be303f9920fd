#ifndef MONBAN_CNCURSESW_SHIM_H
#define MONBAN_CNCURSESW_SHIM_H
/*
 * SwiftPM ignores ncurses's pkg-config flags, and without them curses.h hides
 * the wide-character API: ask for it here, before the include.
 */
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1

#include <locale.h>
#include <langinfo.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

/* glibc declares wcwidth only under _XOPEN_SOURCE. */
int wcwidth(wchar_t);

/*
 * Globals and function-like macros do not import into Swift 6 (mutable C
 * globals are not concurrency-safe; macros with arguments never import).
 * Everything here is stateless: these are compiled into every Swift object
 * that uses them, so no static data may live in this header.
 */
static inline WINDOW *shim_stdscr(void) { return stdscr; }
static inline WINDOW *shim_curscr(void) { return curscr; }
static inline int shim_cols(void) { return COLS; }
static inline int shim_lines(void) { return LINES; }
static inline int shim_colors(void) { return COLORS; }
static inline int shim_color_pairs(void) { return COLOR_PAIRS; }
static inline FILE *shim_stdin(void) { return stdin; }
static inline FILE *shim_stdout(void) { return stdout; }

static inline int shim_maxx(WINDOW *w) { return w ? getmaxx(w) : 0; }
static inline int shim_maxy(WINDOW *w) { return w ? getmaxy(w) : 0; }

static inline attr_t shim_a_normal(void) { return A_NORMAL; }
static inline attr_t shim_a_bold(void) { return A_BOLD; }
static inline attr_t shim_a_reverse(void) { return A_REVERSE; }
static inline attr_t shim_a_underline(void) { return A_UNDERLINE; }
static inline attr_t shim_a_dim(void) { return A_DIM; }
static inline int shim_key_f(int n) { return KEY_F(n); }

static inline int shim_wcwidth(wchar_t c) { return wcwidth(c); }

/* Whether the terminal set up can move the cursor to a given place (terminfo `cup`):
 * without it (TERM=dumb, a printing terminal) no screen can be drawn. */
static inline int shim_can_place_cursor(void) {
    char *cup = tigetstr("cup");
    return cup != NULL && cup != (char *)-1;
}

/* terminfo's set-up (term.h, whose capability macros are kept out of this header). */
int setupterm(const char *, int, int *);

/* The terminfo entry of `term` (`monban doctor`, PK-1): 0 when there is none; else 1, with
 * whether it can place the cursor and how many colours it has (-1: none said). */
static inline int shim_terminfo_facts(const char *term, int *can_place, int *colors) {
    int err = 0;
    if (setupterm(term, 1, &err) != 0) return 0;
    char *cup = tigetstr("cup");
    *can_place = cup != NULL && cup != (char *)-1;
    *colors = tigetnum("colors");
    return 1;
}

static inline int shim_codeset_is_utf8(void) {
    const char *cs = nl_langinfo(CODESET);
    return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

/* Draws one cell: the first scalar must be a spacing character, the rest (at
 * most CCHARW_MAX - 1) combining marks. */
static inline int shim_put_cell(WINDOW *w, int y, int x, const wchar_t *text, attr_t attrs, short pair) {
    cchar_t cc;
    if (setcchar(&cc, text, attrs, pair, NULL) == ERR) return ERR;
    if (wmove(w, y, x) == ERR) return ERR;
    return wadd_wch(w, &cc);
}

/* Terminal flow control (Ctrl-S freezes the screen) and literal-next (Ctrl-V)
 * stay on in cbreak mode; a full-screen client wants those keys. */
static inline int shim_disable_ixon_iexten(int fd) {
    struct termios t;
    if (tcgetattr(fd, &t) != 0) return -1;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF);
    t.c_lflag &= ~(tcflag_t)IEXTEN;
    return tcsetattr(fd, TCSADRAIN, &t);
}

/* The terminal's size from the kernel; 0 on success. */
static inline int shim_window_size(int fd, int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* sigaction without the union in Swift. `old` may be NULL. */
static inline int shim_sigaction(int sig, void (*handler)(int), int flags, struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = handler;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, old);
}

static inline int shim_siginfo_action(int sig, void (*handler)(int, siginfo_t *, void *), int flags,
                                      struct sigaction *old) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = flags | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, old);
}

static inline int shim_sigaction_restore(int sig, const struct sigaction *old) {
    return sigaction(sig, old, NULL);
}

static inline void (*shim_sig_dfl(void))(int) { return SIG_DFL; }
static inline void (*shim_sig_ign(void))(int) { return SIG_IGN; }
/* Crash handlers: run once, on the alternate stack if there is one. */
static inline int shim_crash_flags(void) { return (int)(SA_ONSTACK | SA_RESETHAND); }
static inline int shim_si_code(const siginfo_t *info) { return info ? info->si_code : 0; }

#endif
