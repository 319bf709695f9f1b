"""`claimx extract --dask`: the same extraction on a Dask cluster (the optional extra claimx[dask]).

    with connect("local:2") as client:                      # or "tcp://scheduler:8786"
        summary = run_on_dask(client, ["corpus/"], open_sink("jsonl", Path("out.jsonl")))

plan.py turns inputs into partitions (paths, URLs, byte ranges: work, not data), partition.py is what a worker runs
on one, run.py keeps the cluster busy and writes the records in input order, parts.py writes one file per partition,
cluster.py connects. Dask itself is imported only when a run starts, so the core install never needs it.
"""

from claimx.distributed.cluster import ClusterUnreachable, DaskUnavailable, connect, local_workers
from claimx.distributed.parts import PartFiles, PartFilesError, is_parts_pattern
from claimx.distributed.plan import PlanError, check_inputs, is_fsspec_url
from claimx.distributed.run import ClusterLost, DaskSettings, WorkerTaskError, run_on_dask

__all__ = ["ClusterLost", "ClusterUnreachable", "DaskSettings", "DaskUnavailable", "PartFiles", "PartFilesError",
           "PlanError", "WorkerTaskError", "check_inputs", "connect", "is_fsspec_url", "is_parts_pattern",
           "local_workers", "run_on_dask"]
