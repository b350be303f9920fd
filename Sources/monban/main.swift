import Glibc

// A write past the file-size limit (RLIMIT_FSIZE, a quota) must fail with EFBIG, which
// the store reports as a full disk, instead of killing the process mid-transaction.
signal(SIGXFSZ, SIG_IGN)

Monban.main()
