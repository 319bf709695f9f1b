"""Batch runs over many documents: walking, worker processes, progress, resume and error records.

    settings = BatchSettings(jobs=2)
    summary = run_batch(plan(["corpus/"], IngestOptions()), open_sink("jsonl", Path("out.jsonl")), settings)
"""

from claimx.batch.progress import NoProgress, Progress, Summary
from claimx.batch.reading import plan
from claimx.batch.resume import ResumeError, completed_ids
from claimx.batch.run import BatchSettings, run_batch
from claimx.batch.sink import open_sink
from claimx.batch.workers import WorkerStartError

__all__ = ["BatchSettings", "NoProgress", "Progress", "ResumeError", "Summary", "WorkerStartError",
           "completed_ids", "open_sink", "plan", "run_batch"]
