"""What an operator asks of the cluster: its health, and which of the configured nodes
answer (`manage.py search_index status`)."""

from dataclasses import dataclass

from django.conf import settings

from .client import ANSWER_ERRORS, connection, expect, explain, node_client, search_client


@dataclass(frozen=True)
class Health:
    name: str
    status: str  # green, yellow or red
    nodes: int
    data_nodes: int
    unassigned_shards: int

    def __str__(self) -> str:
        return (
            f"{self.name}, {self.status}: {self.nodes} nodes ({self.data_nodes} with data), "
            f"{self.unassigned_shards} shards unassigned"
        )


@dataclass(frozen=True)
class NodeAnswer:
    url: str
    answers: bool
    detail: str  # the node's name and version, or why it did not answer

    def __str__(self) -> str:
        said = "answers" if self.answers else "does not answer"
        return f"{self.url} {said}: {self.detail}"


def health() -> Health:
    """The cluster's health as any node that answers sees it; raises ANSWER_ERRORS."""
    found = expect(
        search_client().cluster.health().body,
        "cluster_name",
        "status",
        "number_of_nodes",
        "number_of_data_nodes",
        "unassigned_shards",
    )
    return Health(
        found["cluster_name"],
        found["status"],
        found["number_of_nodes"],
        found["number_of_data_nodes"],
        found["unassigned_shards"],
    )


def node_answers() -> list[NodeAnswer]:
    """Each node named in ELASTICSEARCH_URL, asked on its own."""
    answers = []
    for url in connection().hosts:
        client = node_client(url, settings.SEARCH_TIMEOUT_SECONDS)
        try:
            # The node's own view of itself (every distribution has it; `GET /` is a module).
            found = expect(client.nodes.info(node_id="_local", metric="_none").body, "nodes")
            node = next(iter(found["nodes"].values()))
        except (*ANSWER_ERRORS, StopIteration, AttributeError) as error:
            answers.append(NodeAnswer(url, False, explain(error)))
        else:
            answers.append(NodeAnswer(url, True, f"{node['name']}, {node['version']}"))
        finally:
            client.close()
    return answers
