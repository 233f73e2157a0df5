"""Search: the Elasticsearch index, indexing, the search service and its views."""
