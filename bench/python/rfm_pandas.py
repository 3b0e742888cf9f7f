"""RFM in pandas for the side-by-side benchmark: reads the events CSV the benchmark exported, then times only the
computation (groupby + quintile scores), median of N repetitions. Prints JSON."""
import json
import sys
import time

import pandas as pd

path, as_of, repetitions = sys.argv[1], pd.Timestamp(sys.argv[2]), int(sys.argv[3])
events = pd.read_csv(path, parse_dates=["occurred_at"])


def rfm(frame):
    per = frame.groupby("profile_id").agg(
        last_at=("occurred_at", "max"), frequency=("order_id", "nunique"), monetary=("amount", "sum")
    )
    per["recency_days"] = (as_of.normalize() - per["last_at"].dt.normalize()).dt.days
    per["r"] = pd.qcut(per["last_at"].rank(method="first"), 5, labels=False) + 1
    per["f"] = pd.qcut(per["frequency"].rank(method="first"), 5, labels=False) + 1
    per["m"] = pd.qcut(per["monetary"].rank(method="first"), 5, labels=False) + 1
    return per


timings = []
for _ in range(repetitions):
    started = time.perf_counter()
    result = rfm(events)
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
print(json.dumps({"median_ms": timings[len(timings) // 2], "customers": len(result)}))
