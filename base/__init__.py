"""The base layer: small helpers every other package may import, which import none of
them (see the import contract in pyproject.toml)."""
