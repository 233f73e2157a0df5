"""A cluster of two Elasticsearch nodes on this machine, started and stopped by
`scripts/elasticsearch.sh` as the development node is: the first node is the master and
holds data, the second holds data only, so either the second can stop while the cluster
goes on. Each start is a new cluster (SVN_ES_FRESH), on ports nothing else uses.
"""

import os
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import requests

from .ports import free_port

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "elasticsearch.sh"
BASH = shutil.which("bash") or "/bin/bash"
HEAP = "256m"
START_TIMEOUT_SECONDS = 240


@dataclass
class Node:
    name: str
    master: str
    seed: str = ""
    cluster: str = "svn-test-cluster"
    http_port: int = field(default_factory=free_port)
    transport_port: int = field(default_factory=free_port)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def script(self, action: str) -> subprocess.Popen:
        environment = {
            **os.environ,
            "SVN_ES_NAME": self.name,
            "SVN_ES_PORT": str(self.http_port),
            "SVN_ES_TRANSPORT_PORT": str(self.transport_port),
            "SVN_ES_CLUSTER": self.cluster,
            "SVN_ES_MASTER": self.master,
            "SVN_ES_SEED": self.seed or f"127.0.0.1:{self.transport_port}",
            "SVN_ES_HEAP": HEAP,
            "SVN_ES_FRESH": "true",
            "SVN_ES_TIMEOUT": str(START_TIMEOUT_SECONDS),
        }
        return subprocess.Popen(  # noqa: S603 (our own script, fixed arguments)
            [BASH, str(SCRIPT), action],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def stop(self) -> None:
        _finish([self.script("stop")], "stop")

    def kill(self) -> None:
        """As a crash would: no chance to tell the cluster it is leaving."""
        found = self.script("pid")
        pid, _ = found.communicate(timeout=30)
        os.kill(int(pid.strip()), signal.SIGKILL)


def _finish(runs: list[subprocess.Popen], action: str) -> None:
    failures = []
    for run in runs:
        output, _ = run.communicate(timeout=START_TIMEOUT_SECONDS + 60)
        if run.returncode:
            failures.append(output)
    if failures:
        raise RuntimeError(f"scripts/elasticsearch.sh {action} failed:\n" + "\n".join(failures))


@dataclass
class Cluster:
    master: Node
    data: Node

    @property
    def url(self) -> str:
        """ELASTICSEARCH_URL naming both nodes."""
        return f"{self.master.url},{self.data.url}"

    @property
    def nodes(self) -> list[Node]:
        return [self.master, self.data]

    def start(self) -> None:
        for node in self.nodes:  # a node left by an interrupted run would hold its folder
            node.stop()
        _finish([node.script("start") for node in self.nodes], "start")

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def health(self, **params) -> dict:
        response = requests.get(f"{self.master.url}/_cluster/health", params=params, timeout=90)
        if response.status_code == 408:  # waited in vain: say which shard, and why
            why = requests.get(f"{self.master.url}/_cluster/allocation/explain", timeout=30)
            raise AssertionError(f"{response.text}\n{why.text}")
        response.raise_for_status()
        return response.json()

    def put_primary_on_data_node(self, index: str) -> None:
        """The index's primary shard on the node that can stop, its replica on the master:
        a stop then also moves where writes go. For an index with no documents yet."""
        place = f"{self.master.url}/{index}/_settings"
        require = "index.routing.allocation.require._name"
        settle = {require: self.data.name, "number_of_replicas": 0}
        requests.put(place, json=settle, timeout=30).raise_for_status()
        self.health(index=index, wait_for_no_relocating_shards="true", timeout="60s")
        settle = {require: None, "number_of_replicas": 1}
        requests.put(place, json=settle, timeout=30).raise_for_status()
        self.health(wait_for_status="green", timeout="60s")
        if self.primary_node(index) != self.data.name:
            raise AssertionError(f"The primary of {index} is not on {self.data.name}.")

    def primary_node(self, index: str) -> str:
        """The name of the node holding the index's primary shard."""
        response = requests.get(
            f"{self.master.url}/_cat/shards/{index}",
            params={"format": "json", "h": "prirep,node"},
            timeout=30,
        )
        response.raise_for_status()
        return next(row["node"] for row in response.json() if row["prirep"] == "p")


def two_node_cluster() -> Cluster:
    run = uuid.uuid4().hex[:6]
    master = Node(name="test-es-master", master="test-es-master", cluster=f"svn-test-{run}")
    data = Node(
        name="test-es-data",
        master=master.name,
        seed=f"127.0.0.1:{master.transport_port}",
        cluster=master.cluster,
    )
    return Cluster(master, data)
