"""Dropping files from the page cache before a benchmark (bench/README.md, "Start-up, keystrokes
and memory"): a file just written (a fresh link, an install) sits in the cache in large folios,
which the kernel maps many pages at a time; read back by `exec` it comes in small ones. Dropped
first, every program starts the way it does after a reboot."""
import os


def drop_from_page_cache(paths):
    """Drops the files' cached pages (those that no running process maps)."""
    os.sync()
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)
