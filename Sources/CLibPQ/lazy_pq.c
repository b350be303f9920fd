#include "lazy_pq.h"
#include "lazy_loader.h"
#include <pthread.h>

/* libpq's own declarations, for the pointers' types (libpq-fe.h is not needed to build). */
PGconn *PQconnectdb(const char *conninfo);
int PQstatus(const PGconn *conn);
char *PQerrorMessage(const PGconn *conn);
void PQfinish(PGconn *conn);
int PQserverVersion(const PGconn *conn);
PGresult *PQexec(PGconn *conn, const char *command);
PGresult *PQexecParams(PGconn *conn, const char *command, int nParams, const unsigned int *paramTypes,
                       const char *const *paramValues, const int *paramLengths, const int *paramFormats,
                       int resultFormat);
int PQresultStatus(const PGresult *res);
char *PQresultErrorField(const PGresult *res, int fieldcode);
int PQntuples(const PGresult *res);
int PQnfields(const PGresult *res);
char *PQfname(const PGresult *res, int column);
char *PQgetvalue(const PGresult *res, int row, int column);
int PQgetisnull(const PGresult *res, int row, int column);
char *PQcmdTuples(PGresult *res);
void PQclear(PGresult *res);
LPQConninfoOption *PQconninfoParse(const char *conninfo, char **errmsg);
void PQconninfoFree(LPQConninfoOption *options);
void PQfreemem(void *ptr);
typedef void (*PQnoticeProcessor)(void *arg, const char *message);
PQnoticeProcessor PQsetNoticeProcessor(PGconn *conn, PQnoticeProcessor proc, void *arg);

LAZY_FN(PQconnectdb);
LAZY_FN(PQstatus);
LAZY_FN(PQerrorMessage);
LAZY_FN(PQfinish);
LAZY_FN(PQserverVersion);
LAZY_FN(PQexec);
LAZY_FN(PQexecParams);
LAZY_FN(PQresultStatus);
LAZY_FN(PQresultErrorField);
LAZY_FN(PQntuples);
LAZY_FN(PQnfields);
LAZY_FN(PQfname);
LAZY_FN(PQgetvalue);
LAZY_FN(PQgetisnull);
LAZY_FN(PQcmdTuples);
LAZY_FN(PQclear);
LAZY_FN(PQconninfoParse);
LAZY_FN(PQconninfoFree);
LAZY_FN(PQfreemem);
LAZY_FN(PQsetNoticeProcessor);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = 0;

static void load(void) {
    void *h = lazy_open((const char *const[]){ "libpq.so.5", NULL });
    loaded = h != NULL && LAZY_LOAD(h, PQconnectdb) && LAZY_LOAD(h, PQstatus) && LAZY_LOAD(h, PQerrorMessage)
        && LAZY_LOAD(h, PQfinish) && LAZY_LOAD(h, PQserverVersion) && LAZY_LOAD(h, PQexec) && LAZY_LOAD(h, PQexecParams)
        && LAZY_LOAD(h, PQresultStatus) && LAZY_LOAD(h, PQresultErrorField) && LAZY_LOAD(h, PQntuples)
        && LAZY_LOAD(h, PQnfields) && LAZY_LOAD(h, PQfname) && LAZY_LOAD(h, PQgetvalue)
        && LAZY_LOAD(h, PQgetisnull) && LAZY_LOAD(h, PQcmdTuples) && LAZY_LOAD(h, PQclear)
        && LAZY_LOAD(h, PQconninfoParse) && LAZY_LOAD(h, PQconninfoFree) && LAZY_LOAD(h, PQfreemem)
        && LAZY_LOAD(h, PQsetNoticeProcessor);
}

int lpq_available(void) {
    pthread_once(&once, load);
    return loaded;
}

/* Every function below is called only after lpq_available() answered 1 (the Swift side
 * checks it before connecting); the guards keep a mistake from calling a NULL pointer. */
PGconn *lpq_connectdb(const char *conninfo) { return lpq_available() ? p_PQconnectdb(conninfo) : NULL; }
int lpq_status(const PGconn *conn) { return lpq_available() ? p_PQstatus(conn) : 1; }
char *lpq_errorMessage(const PGconn *conn) { return lpq_available() ? p_PQerrorMessage(conn) : NULL; }
void lpq_finish(PGconn *conn) { if (conn != NULL && lpq_available()) p_PQfinish(conn); }
int lpq_serverVersion(const PGconn *conn) { return lpq_available() ? p_PQserverVersion(conn) : 0; }
PGresult *lpq_exec(PGconn *conn, const char *command) { return lpq_available() ? p_PQexec(conn, command) : NULL; }
PGresult *lpq_execParams(PGconn *conn, const char *command, int nParams, const char *const *paramValues) {
    return lpq_available() ? p_PQexecParams(conn, command, nParams, NULL, paramValues, NULL, NULL, 0) : NULL;
}
int lpq_resultStatus(const PGresult *res) { return lpq_available() ? p_PQresultStatus(res) : 7; }
char *lpq_resultErrorField(const PGresult *res, int fieldcode) {
    return lpq_available() ? p_PQresultErrorField(res, fieldcode) : NULL;
}
int lpq_ntuples(const PGresult *res) { return lpq_available() ? p_PQntuples(res) : 0; }
int lpq_nfields(const PGresult *res) { return lpq_available() ? p_PQnfields(res) : 0; }
char *lpq_fname(const PGresult *res, int column) { return lpq_available() ? p_PQfname(res, column) : NULL; }
char *lpq_getvalue(const PGresult *res, int row, int column) {
    return lpq_available() ? p_PQgetvalue(res, row, column) : NULL;
}
int lpq_getisnull(const PGresult *res, int row, int column) {
    return lpq_available() ? p_PQgetisnull(res, row, column) : 1;
}
char *lpq_cmdTuples(PGresult *res) { return lpq_available() ? p_PQcmdTuples(res) : NULL; }
void lpq_clear(PGresult *res) { if (res != NULL && lpq_available()) p_PQclear(res); }
LPQConninfoOption *lpq_conninfoParse(const char *conninfo, char **errmsg) {
    if (errmsg != NULL) *errmsg = NULL;
    return lpq_available() ? p_PQconninfoParse(conninfo, errmsg) : NULL;
}
void lpq_conninfoFree(LPQConninfoOption *options) { if (options != NULL && lpq_available()) p_PQconninfoFree(options); }
void lpq_freemem(void *ptr) { if (ptr != NULL && lpq_available()) p_PQfreemem(ptr); }

/* The server's notices and warnings ("extension already exists, skipping") are dropped:
 * libpq's default prints them on stderr, which is the terminal a client is drawing on. */
static void drop_notice(void *arg, const char *message) { (void)arg; (void)message; }
void lpq_dropNotices(PGconn *conn) { if (conn != NULL && lpq_available()) p_PQsetNoticeProcessor(conn, drop_notice, NULL); }
