import argparse
import os
import platform
import sys
import time

from bench import registry


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--size", choices=["small", "full"], default="full")
    parser.add_argument(
        "--skip-baseline",
        action="store_true",
        help="leave out the naive baselines that take many minutes (imports' AssetForm per "
        "row): for runs in between; a full run keeps them",
    )
    parser.add_argument("names", nargs="*", help="which benchmarks (default: all)")
    args = parser.parse_args(argv)
    registry.SKIP_BASELINE = args.skip_baseline
    registry.setup_django(keep_data=bool(args.names) and set(args.names) <= registry.REUSES_DATA)
    registry.load_all()
    from django.db import connection

    print(
        f"Kring benchmarks · size {args.size} · {connection.vendor} · Python {platform.python_version()}"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()} {platform.release()}"
    )
    chosen = args.names or list(registry.BENCHMARKS)
    for name in chosen:
        if name not in registry.BENCHMARKS:
            print(f"unknown benchmark {name!r}; known: {', '.join(registry.BENCHMARKS)}")
            return 2
    for name in chosen:
        started = time.perf_counter()
        print(f"\n== {name}")
        registry.BENCHMARKS[name](size=args.size, out=sys.stdout)
        print(f"   ({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
