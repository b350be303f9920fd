#include "lazy_ldap.h"
#include "lazy_loader.h"
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>

LAZY_FN(ldap_initialize);
LAZY_FN(ldap_set_option);
LAZY_FN(ldap_get_option);
LAZY_FN(ldap_sasl_bind_s);
LAZY_FN(ldap_unbind_ext_s);
LAZY_FN(ldap_memfree);
LAZY_FN(ldap_err2string);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    /* Debian 12 ships OpenLDAP 2.5 (libldap-2.5.so.0); 2.6 renamed it libldap.so.2. */
    void *h = lazy_open((const char *const[]){ "libldap-2.5.so.0", "libldap.so.2", NULL });
    if (!h) return;
    if (!LAZY_LOAD(h, ldap_initialize) || !LAZY_LOAD(h, ldap_set_option) || !LAZY_LOAD(h, ldap_get_option)
        || !LAZY_LOAD(h, ldap_sasl_bind_s) || !LAZY_LOAD(h, ldap_unbind_ext_s) || !LAZY_LOAD(h, ldap_memfree)
        || !LAZY_LOAD(h, ldap_err2string))
        return;
    loaded = 1;
}

int ll_available(void) {
    pthread_once(&once, load);
    return loaded;
}

int ll_initialize(LDAP **ld, const char *uri) {
    *ld = NULL;
    if (!ll_available()) return LDAP_OTHER;
    return p_ldap_initialize(ld, uri);
}

int ll_set_option_int(LDAP *ld, int option, int value) {
    if (!ll_available()) return LDAP_OPT_ERROR;
    return p_ldap_set_option(ld, option, &value);
}

int ll_set_option_string(LDAP *ld, int option, const char *value) {
    if (!ll_available()) return LDAP_OPT_ERROR;
    return p_ldap_set_option(ld, option, value);
}

int ll_set_option_timeout(LDAP *ld, int option, double seconds) {
    if (!ll_available()) return LDAP_OPT_ERROR;
    if (seconds < 0.001) seconds = 0.001;
    struct timeval tv;
    tv.tv_sec = (time_t)seconds;
    tv.tv_usec = (suseconds_t)((seconds - (double)tv.tv_sec) * 1e6);
    return p_ldap_set_option(ld, option, &tv);
}

int ll_disable_referrals(LDAP *ld) {
    if (!ll_available()) return LDAP_OPT_ERROR;
    return p_ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
}

/* The shape of LDAP_OPT_X_TLS_CONNECT_CB (LDAP_TLS_CONNECT_CB in libldap's private headers). */
typedef int tls_connect_cb(LDAP *ld, void *ssl, void *ctx, void *arg);

/* The TLS-handshake watchdog of one ll_simple_bind_s call (lives on its stack). */
typedef struct {
    pthread_mutex_t mutex;
    pthread_cond_t cond;     /* on CLOCK_MONOTONIC */
    pthread_t thread;
    int running;             /* thread started and not yet joined */
    int stop;                /* asks the thread to end without cutting */
    int fd;
    struct timespec deadline;
    double timeout;
    ll_bind_info info;
} watchdog;

static void *watch(void *arg) {
    watchdog *w = arg;
    pthread_mutex_lock(&w->mutex);
    while (!w->stop) {
        if (pthread_cond_timedwait(&w->cond, &w->mutex, &w->deadline) == ETIMEDOUT) {
            if (!w->stop) {
                /* The fd is still libldap's: the binding thread waits for us (under the
                 * mutex, then pthread_join) before it returns and anyone closes it. */
                shutdown(w->fd, SHUT_RDWR);
                w->info.timed_out = 1;
            }
            break;
        }
    }
    pthread_mutex_unlock(&w->mutex);
    return NULL;
}

static void watchdog_stop(watchdog *w) {
    if (!w->running) return;
    pthread_mutex_lock(&w->mutex);
    w->stop = 1;
    pthread_cond_signal(&w->cond);
    pthread_mutex_unlock(&w->mutex);
    pthread_join(w->thread, NULL);
    w->running = 0;
}

/* Called by libldap in the binding thread, on a connected socket, just before the handshake. */
static int tls_starting(LDAP *ld, void *ssl, void *ctx, void *arg) {
    (void)ssl; (void)ctx;
    watchdog *w = arg;
    if (w == NULL) return 0;
    w->info.tls_started = 1;
    watchdog_stop(w);  /* a previous server of a URL list */
    if (w->timeout <= 0) return 0;
    int fd = -1;
    if (p_ldap_get_option(ld, LDAP_OPT_DESC, &fd) != LDAP_OPT_SUCCESS || fd < 0) return 0;
    w->fd = fd;
    w->stop = 0;
    clock_gettime(CLOCK_MONOTONIC, &w->deadline);
    double whole = (double)(long)w->timeout;
    w->deadline.tv_sec += (time_t)whole;
    w->deadline.tv_nsec += (long)((w->timeout - whole) * 1e9);
    if (w->deadline.tv_nsec >= 1000000000L) { w->deadline.tv_sec += 1; w->deadline.tv_nsec -= 1000000000L; }
    /* The watchdog takes no signal: they stay with the application's threads. */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old);
    if (pthread_create(&w->thread, NULL, watch, w) == 0) w->running = 1;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return 0;
}

int ll_simple_bind_s(LDAP *ld, const char *dn, const char *password, size_t password_len,
                     double tls_timeout, ll_bind_info *info) {
    if (info) { info->tls_started = 0; info->timed_out = 0; }
    if (!ll_available()) return LDAP_OTHER;

    watchdog w;
    memset(&w, 0, sizeof w);
    w.timeout = tls_timeout;
    w.fd = -1;
    pthread_condattr_t attributes;
    pthread_condattr_init(&attributes);
    pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
    pthread_cond_init(&w.cond, &attributes);
    pthread_condattr_destroy(&attributes);
    pthread_mutex_init(&w.mutex, NULL);

    /* For these two options libldap takes the value itself, not a pointer to it. */
    int rc = p_ldap_set_option(ld, LDAP_OPT_X_TLS_CONNECT_ARG, (void *)&w);
    if (rc == LDAP_OPT_SUCCESS)
        rc = p_ldap_set_option(ld, LDAP_OPT_X_TLS_CONNECT_CB, (void *)(tls_connect_cb *)tls_starting);
    if (rc == LDAP_OPT_SUCCESS) {
        struct berval cred;
        cred.bv_len = password_len;
        cred.bv_val = (char *)password;
        rc = p_ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, &cred, NULL, NULL, NULL);
    } else {
        rc = LDAP_LOCAL_ERROR;
    }
    watchdog_stop(&w);
    p_ldap_set_option(ld, LDAP_OPT_X_TLS_CONNECT_CB, NULL);
    p_ldap_set_option(ld, LDAP_OPT_X_TLS_CONNECT_ARG, NULL);
    pthread_cond_destroy(&w.cond);
    pthread_mutex_destroy(&w.mutex);
    if (info) *info = w.info;
    return rc;
}

char *ll_diagnostic_message(LDAP *ld) {
    if (!ll_available()) return NULL;
    char *message = NULL;
    if (p_ldap_get_option(ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &message) != LDAP_OPT_SUCCESS) return NULL;
    return message;
}

int ll_unbind_ext_s(LDAP *ld) {
    if (!ll_available() || ld == NULL) return LDAP_OTHER;
    return p_ldap_unbind_ext_s(ld, NULL, NULL);
}

void ll_memfree(void *p) {
    if (p != NULL && ll_available()) p_ldap_memfree(p);
}

const char *ll_err2string(int rc) {
    if (!ll_available()) return "libldap is not available";
    const char *s = p_ldap_err2string(rc);
    return s ? s : "unknown LDAP error";
}
