#ifndef IOPS_CEDITLINE_SHIM_H
#define IOPS_CEDITLINE_SHIM_H
#include <stdio.h>
#include <histedit.h>

// el_set, el_get and history are variadic, which Swift cannot call: each use gets a typed
// wrapper here. stdin/stdout/stderr are C globals Swift 6 rejects, so they come from here too.

typedef char *(*cedit_prompt_fn)(EditLine *);
typedef unsigned char (*cedit_command_fn)(EditLine *, int);

static inline EditLine *cedit_init(const char *program) {
    return el_init(program, stdin, stdout, stderr);
}
static inline int cedit_set_prompt(EditLine *el, cedit_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int cedit_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int cedit_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
static inline int cedit_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int cedit_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *cedit_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int cedit_add_function(EditLine *el, const char *name, const char *help, cedit_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int cedit_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// In edit mode, ^C is a key (bound to a function) rather than SIGINT.
static inline int cedit_setty_no_isig(EditLine *el) { return el_set(el, EL_SETTY, "-d", "-isig", NULL); }
static inline int cedit_source_default(EditLine *el) { return el_source(el, NULL); }

static inline History *chist_init(void) { return history_init(); }
static inline int chist_set_size(History *h, int size) { HistEvent ev; return history(h, &ev, H_SETSIZE, size); }
static inline int chist_set_unique(History *h) { HistEvent ev; return history(h, &ev, H_SETUNIQUE, 1); }
static inline int chist_enter(History *h, const char *line) { HistEvent ev; return history(h, &ev, H_ENTER, line); }
static inline int chist_load(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_LOAD, file); }
static inline int chist_save(History *h, const char *file) { HistEvent ev; return history(h, &ev, H_SAVE, file); }
#endif
