#ifndef MONBAN_LAZY_LDAP_H
#define MONBAN_LAZY_LDAP_H
/*
 * OpenLDAP's libldap, loaded on first use (libldap-2.5.so.0 on Debian 12, libldap.so.2
 * on newer systems, through CLazyLoader's lazy_open) instead of at process start: a
 * client that never signs anyone in through Active Directory never pays for loading
 * libldap and its TLS stack. Only what an LDAP simple bind needs is
 * here. Each ll_ function forwards to the libldap function of the same name (or the
 * one its comment names); when libldap cannot be loaded, each reports failure
 * (LDAP_OTHER, NULL, or nothing).
 *
 * Build: the declarations come from <ldap.h> (Debian: libldap-dev). Run: libldap-2.5-0.
 *
 * ldap_set_option / ldap_get_option take a void * whose meaning depends on the option,
 * and several macros are pointers Swift cannot import (LDAP_OPT_OFF, LDAP_SASL_SIMPLE):
 * one shim per shape of value instead.
 */
#include <stddef.h>
#include <ldap.h>

/* 1 when libldap is loaded and every function was found. */
int ll_available(void);

/* ldap_initialize: a handle for uri (no network yet); *ld is NULL on failure. */
int ll_initialize(LDAP **ld, const char *uri);

/* ldap_set_option with an int value (LDAP_OPT_PROTOCOL_VERSION, LDAP_OPT_X_TLS_REQUIRE_CERT,
 * LDAP_OPT_X_TLS_NEWCTX, ...). ld NULL sets the process-wide default: do not. */
int ll_set_option_int(LDAP *ld, int option, int value);
/* ldap_set_option with a string value (LDAP_OPT_X_TLS_CACERTFILE, ...): libldap copies it. */
int ll_set_option_string(LDAP *ld, int option, const char *value);
/* ldap_set_option with a struct timeval of seconds (LDAP_OPT_NETWORK_TIMEOUT, LDAP_OPT_TIMEOUT). */
int ll_set_option_timeout(LDAP *ld, int option, double seconds);
/* ldap_set_option(ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF): a bind is never chased elsewhere.
 * (LDAP_OPT_ON would point into liblber and bind this file to it at link time.) */
int ll_disable_referrals(LDAP *ld);
/* What ll_simple_bind_s saw besides the result code. */
typedef struct {
    /* 1 when a TCP connection was made and libldap began a TLS handshake on it
     * (LDAP_OPT_X_TLS_CONNECT_CB): a connection error then failed in TLS, not in
     * reaching the server. */
    int tls_started;
    /* 1 when the watchdog cut the connection (see ll_simple_bind_s). */
    int timed_out;
} ll_bind_info;

/*
 * ldap_sasl_bind_s(ld, dn, LDAP_SASL_SIMPLE, {password_len, password}, NULL, NULL, NULL).
 * The password is sent as these bytes (no terminator needed, none cut at a NUL) and is
 * neither copied nor kept once the call returns.
 *
 * libldap 2.5 with GnuTLS (Debian 12) ignores LDAP_OPT_NETWORK_TIMEOUT during the TLS
 * handshake: against a server that accepts the connection and never answers it spins
 * forever. So when a handshake starts, a watchdog thread shuts the socket down
 * tls_timeout seconds later unless the bind has returned by then (info->timed_out).
 * tls_timeout <= 0: no watchdog. info may be NULL. Uses the handle's
 * LDAP_OPT_X_TLS_CONNECT_CB / _ARG during the call and clears them afterwards.
 */
int ll_simple_bind_s(LDAP *ld, const char *dn, const char *password, size_t password_len,
                     double tls_timeout, ll_bind_info *info);

/* ldap_get_option LDAP_OPT_DIAGNOSTIC_MESSAGE: a copy to free with ll_memfree, or NULL. */
char *ll_diagnostic_message(LDAP *ld);

/* ldap_unbind_ext_s(ld, NULL, NULL): closes the connection and frees the handle. */
int ll_unbind_ext_s(LDAP *ld);
void ll_memfree(void *p);
/* ldap_err2string; a fixed message when libldap is not available. Never NULL. */
const char *ll_err2string(int rc);

static inline int ll_opt_success(void) { return LDAP_OPT_SUCCESS; }
static inline int ll_version3(void) { return LDAP_VERSION3; }
static inline int ll_tls_demand(void) { return LDAP_OPT_X_TLS_DEMAND; }
static inline int ll_opt_protocol_version(void) { return LDAP_OPT_PROTOCOL_VERSION; }
static inline int ll_opt_network_timeout(void) { return LDAP_OPT_NETWORK_TIMEOUT; }
static inline int ll_opt_timeout(void) { return LDAP_OPT_TIMEOUT; }
static inline int ll_opt_x_tls_cacertfile(void) { return LDAP_OPT_X_TLS_CACERTFILE; }
static inline int ll_opt_x_tls_require_cert(void) { return LDAP_OPT_X_TLS_REQUIRE_CERT; }
static inline int ll_opt_x_tls_newctx(void) { return LDAP_OPT_X_TLS_NEWCTX; }

/* Result codes the classification needs (RFC 4511 and libldap's own negative ones). */
static inline int ll_success(void) { return LDAP_SUCCESS; }
static inline int ll_invalid_credentials(void) { return LDAP_INVALID_CREDENTIALS; }
static inline int ll_strong_auth_required(void) { return LDAP_STRONG_AUTH_REQUIRED; }
static inline int ll_confidentiality_required(void) { return LDAP_CONFIDENTIALITY_REQUIRED; }
static inline int ll_inappropriate_auth(void) { return LDAP_INAPPROPRIATE_AUTH; }
static inline int ll_unwilling_to_perform(void) { return LDAP_UNWILLING_TO_PERFORM; }
static inline int ll_busy(void) { return LDAP_BUSY; }
static inline int ll_unavailable(void) { return LDAP_UNAVAILABLE; }
static inline int ll_server_down(void) { return LDAP_SERVER_DOWN; }
static inline int ll_connect_error(void) { return LDAP_CONNECT_ERROR; }
static inline int ll_timeout(void) { return LDAP_TIMEOUT; }
static inline int ll_timelimit_exceeded(void) { return LDAP_TIMELIMIT_EXCEEDED; }
#endif
