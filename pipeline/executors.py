"""Where a batch's tasks run: a local process pool, or a Ray cluster. Both hand back
``concurrent.futures.Future`` objects, so the scheduler in ``pipeline.batch`` is the same for both."""
from __future__ import annotations

import os
import resource
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Callable, Optional

from pipeline.errors import MissingDependency, UsageError
from pipeline.work import Source


def _init_worker(max_memory_mb: int) -> None:
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if max_memory_mb > 0:  # address space of the worker and of the tesseract it starts
        limit = max_memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class LocalExecutor:
    """``jobs`` worker processes on this machine; inputs are read by the workers from their paths."""

    name = "local"
    crashed = (BrokenProcessPool,)

    def __init__(self, jobs: int, max_memory_mb: int = 0):
        self.jobs = jobs
        self._max_memory_mb = max_memory_mb
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.jobs, initializer=_init_worker, initargs=(self._max_memory_mb,))

    def source(self, path: Path, data: bytes) -> Source:
        return str(path)

    def submit(self, fn: Callable, *args) -> Future:
        return self._pool.submit(fn, *args)

    def restart(self) -> None:
        """After a worker died (killed by the system, a crash in a native library): a fresh pool."""
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


class RayExecutor:
    """Tasks on a Ray cluster (``address``), or on a local Ray instance with ``jobs`` CPUs when no
    address is given. Inputs are put in Ray's object store, so workers need no shared disk."""

    name = "ray"

    def __init__(self, jobs: int, address: Optional[str] = None):
        try:
            import ray
        except ImportError as e:
            raise MissingDependency("--executor ray needs Ray: pip install 'vacancy[ray]' (or pip install ray)") from e
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # never phone home
        self._ray = ray
        self.crashed = (ray.exceptions.RayError,)
        kwargs = dict(include_dashboard=False, log_to_driver=False, ignore_reinit_error=True,
                      configure_logging=False)
        try:
            if address:
                ray.init(address=address, **kwargs)
            else:
                ray.init(num_cpus=jobs, **kwargs)
        except (ConnectionError, ValueError, RuntimeError) as e:
            raise UsageError(f"cannot reach the Ray cluster at {address or 'a new local instance'} ({e}): "
                             "check --ray-address / RAY_ADDRESS and that 'ray status' works there") from e
        self.jobs = int(ray.cluster_resources().get("CPU", jobs))
        self._remote: dict[Callable, object] = {}

    def source(self, path: Path, data: bytes) -> Source:
        return self._ray.put(data)  # a top-level ObjectRef argument reaches the task as the bytes

    def submit(self, fn: Callable, *args) -> Future:
        remote = self._remote.get(fn)
        if remote is None:
            remote = self._remote[fn] = self._ray.remote(num_cpus=1, max_retries=1)(fn)
        return remote.remote(*args).future()

    def restart(self) -> None:
        pass  # Ray replaces dead workers itself

    def close(self) -> None:
        self._ray.shutdown()


def make_executor(kind: str, jobs: int, address: Optional[str] = None, max_memory_mb: int = 0):
    if kind == "local":
        return LocalExecutor(jobs, max_memory_mb)
    if kind == "ray":
        return RayExecutor(jobs, address or os.environ.get("RAY_ADDRESS"))
    raise UsageError(f"unknown --executor {kind}: choose from local, ray")
