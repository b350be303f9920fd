#ifndef MONBAN_LAZY_PQ_H
#define MONBAN_LAZY_PQ_H
/*
 * libpq (Debian: libpq5), PostgreSQL's reference client, used only by MonbanStore's
 * PostgreSQL store (SPEC ST-1: many terminals, one store), loaded on first use
 * (libpq.so.5, through CLazyLoader's lazy_open): a terminal on a SQLite file never loads
 * it, nor the TLS and GSSAPI libraries it asks for. Each lpq_ function forwards to the
 * libpq function of the same name; when libpq cannot be loaded, lpq_available() is 0 and
 * the store refuses to open, naming the library.
 *
 * libpq's ABI has been stable under the soname libpq.so.5 since PostgreSQL 8.0: the few
 * types and functions used are declared here, so building needs no libpq-dev.
 */
#include <stddef.h>

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

/* ConnStatusType */
#define LPQ_CONNECTION_OK 0
/* ExecStatusType */
#define LPQ_PGRES_COMMAND_OK 1
#define LPQ_PGRES_TUPLES_OK 2

/* PQconninfoOption, as libpq-fe.h declares it. */
typedef struct {
    char *keyword;
    char *envvar;
    char *compiled;
    char *val;
    char *label;
    char *dispchar;
    int dispsize;
} LPQConninfoOption;

/* 1 when libpq is loaded and every function below was found. */
int lpq_available(void);

PGconn *lpq_connectdb(const char *conninfo);
int lpq_status(const PGconn *conn);
char *lpq_errorMessage(const PGconn *conn);
void lpq_finish(PGconn *conn);
int lpq_serverVersion(const PGconn *conn);
/* One or more statements without parameters (the schema's DDL). */
PGresult *lpq_exec(PGconn *conn, const char *command);
/* Text parameters, text results; the server infers the parameters' types. */
PGresult *lpq_execParams(PGconn *conn, const char *command, int nParams, const char *const *paramValues);
int lpq_resultStatus(const PGresult *res);
char *lpq_resultErrorField(const PGresult *res, int fieldcode);
int lpq_ntuples(const PGresult *res);
int lpq_nfields(const PGresult *res);
char *lpq_fname(const PGresult *res, int column);
char *lpq_getvalue(const PGresult *res, int row, int column);
int lpq_getisnull(const PGresult *res, int row, int column);
char *lpq_cmdTuples(PGresult *res);
void lpq_clear(PGresult *res);
/* The options of a connection string or URI; NULL when it does not parse (errmsg set,
 * to be freed with lpq_freemem). */
LPQConninfoOption *lpq_conninfoParse(const char *conninfo, char **errmsg);
void lpq_conninfoFree(LPQConninfoOption *options);
void lpq_freemem(void *ptr);
/* Drops the server's notices instead of printing them on stderr. */
void lpq_dropNotices(PGconn *conn);
#endif
