#!/usr/bin/env python3
"""scrypt at the shipped cost (N = 2^17, r = 8, p = 1, 32 bytes): swift-crypto's (BoringSSL,
what monban uses, through `monban-bench scrypt`) beside OpenSSL's libcrypto (Python's
hashlib.scrypt calls EVP_PBE_scrypt directly), in alternating blocks so a busy moment hits
both. Both must give the same key (checked). The figures of the choice between them:
docs/decisions/0001-startup-machinery-removed.md.

Usage: bench/scrypt_compare.py MONBAN_BENCH_BINARY [ROUNDS]   (ROUNDS blocks of 3 each)
"""
import hashlib, ssl, statistics, subprocess, sys, time

PASSWORD, SALT, N, R, P, LENGTH = b"Correct-Horse-7", b"\x5a" * 16, 1 << 17, 8, 1, 32


def openssl_ms(count):
    out = []
    for _ in range(count):
        t0 = time.perf_counter()
        hashlib.scrypt(PASSWORD, salt=SALT, n=N, r=R, p=P, maxmem=256 << 20, dklen=LENGTH)
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    bench, rounds = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 10
    key = hashlib.scrypt(PASSWORD, salt=SALT, n=N, r=R, p=P, maxmem=256 << 20, dklen=LENGTH).hex()  # untimed
    boring, openssl = [], []
    for r in range(rounds):
        for kind in ("bo" if r % 2 == 0 else "ob"):
            if kind == "b":
                lines = subprocess.run([bench, "scrypt", "3"], capture_output=True, text=True, check=True).stdout.split("\n")
                if lines[0] != "key " + key:
                    print(f"scrypt_compare.py: the two give different keys: {lines[0]} against {key}", file=sys.stderr)
                    return 1
                boring += [float(x) for x in lines[1:] if x.strip()]
            else:
                openssl += openssl_ms(3)
    print(f"scrypt N=2^17 r=8 p=1, {len(boring)} derivations each, alternating blocks of 3")
    for name, xs in (("swift-crypto (BoringSSL)", boring), (f"{ssl.OPENSSL_VERSION}", openssl)):
        q = statistics.quantiles(xs, n=4)
        print(f"  {name:28s} median {statistics.median(xs):7.1f} ms  (p25 {q[0]:.1f}, p75 {q[2]:.1f}, min {min(xs):.1f})")
    print(f"  ratio of medians swift-crypto/OpenSSL: {statistics.median(boring) / statistics.median(openssl):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
