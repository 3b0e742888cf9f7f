"""scikit-learn's KMeans on a Float64 little-endian row-major file, for bench/kmeans.bench.ts.

Loads the data once, then answers one request per line on stdin, so that the benchmark can interleave scikit-learn
and Segmint fits (the machines are shared: load changes during a run hit both sides alike):

    fit SEED THREADS      THREADS = "shipped" (as installed: OpenMP on every core) or a number (threadpoolctl limit)

Each answer is one JSON line: wall time of KMeans.fit in milliseconds, inertia, iterations and the threads used.
The first line printed (before any request) gives the versions and the threads scikit-learn uses as shipped.
"""
import argparse
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.cluster import KMeans
from threadpoolctl import threadpool_info, threadpool_limits


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", required=True)
    parser.add_argument("--columns", type=int, required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--n-init", type=int, required=True)
    parser.add_argument("--max-iter", type=int, required=True)
    parser.add_argument("--tol", type=float, required=True)
    args = parser.parse_args()

    data = np.fromfile(args.data, dtype="<f8").reshape(-1, args.columns)
    pools = {pool["user_api"]: pool["num_threads"] for pool in threadpool_info()}
    shipped_threads = pools.get("openmp", pools.get("blas", 1))
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "threads": shipped_threads,
                      "rows": int(data.shape[0])}), flush=True)

    for line in sys.stdin:
        command, seed, threads = line.split()
        if command != "fit":
            raise ValueError(f"unknown command {command!r}")
        model = KMeans(n_clusters=args.k, init="k-means++", n_init=args.n_init, max_iter=args.max_iter,
                       tol=args.tol, algorithm="lloyd", random_state=int(seed))
        if threads == "shipped":
            started = time.perf_counter()
            model.fit(data)
            used = shipped_threads
        else:
            with threadpool_limits(limits=int(threads)):
                started = time.perf_counter()
                model.fit(data)
            used = int(threads)
        milliseconds = (time.perf_counter() - started) * 1000
        print(json.dumps({"ms": milliseconds, "inertia": float(model.inertia_), "iterations": int(model.n_iter_),
                          "threads": used}), flush=True)


if __name__ == "__main__":
    main()
