"""The API's description as the page at /api/ shows it: each endpoint with its
parameters, its answers and examples, read from the OpenAPI document (`openapi.py`)."""

import json
import re
from dataclasses import dataclass
from http import HTTPStatus

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

from base.markdown import render_markdown
from casestudies.contents import Entry


@dataclass(frozen=True)
class Parameter:
    name: str
    breakable_name: SafeString  # may break after an underscore on a narrow screen
    value: str  # the kind of value it takes, in words
    description: SafeString


@dataclass(frozen=True)
class Answer:
    status: str  # "200 OK"
    media_types: tuple[str, ...]
    description: SafeString


@dataclass(frozen=True)
class Example:
    summary: str
    request: str  # the path and query string it answers
    status: str
    media_type: str
    body: str  # as a client receives it: JSON indented, text as it is


@dataclass(frozen=True)
class Endpoint:
    anchor: str
    method: str
    path: str
    summary: str
    description: SafeString
    parameters: tuple[Parameter, ...]
    answers: tuple[Answer, ...]
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    description: str
    endpoints: tuple[Endpoint, ...]


def sections(document: dict) -> list[Section]:
    """The document's endpoints grouped under their tags, in the document's order."""
    endpoints = [
        (operation["tags"][0], _endpoint(document, method, path, operation))
        for path, operations in document["paths"].items()
        for method, operation in operations.items()
    ]
    return [
        Section(
            anchor=_anchor(tag["name"]),
            title=tag["name"],
            description=tag.get("description", ""),
            endpoints=tuple(endpoint for name, endpoint in endpoints if name == tag["name"]),
        )
        for tag in document["tags"]
    ]


def contents(sections: list[Section]) -> list[Entry]:
    """The page's contents list: each section, with its endpoints."""
    return [
        Entry(
            section.anchor,
            section.title,
            tuple(Entry(e.anchor, f"{e.method} {e.path}") for e in section.endpoints),
        )
        for section in sections
    ]


def _endpoint(document: dict, method: str, path: str, operation: dict) -> Endpoint:
    parameters = [_resolve(document, p) for p in operation.get("parameters", [])]
    responses = {
        status: _resolve(document, response) for status, response in operation["responses"].items()
    }
    return Endpoint(
        anchor=_anchor(f"{method} {path}"),
        method=method.upper(),
        path=path,
        summary=operation["summary"],
        description=render_markdown(operation.get("description", "")),
        parameters=tuple(_parameter(p) for p in parameters),
        answers=tuple(
            Answer(
                _status(status),
                tuple(response.get("content", {})),
                render_markdown(response["description"]),
            )
            for status, response in responses.items()
        ),
        examples=tuple(
            Example(
                example["summary"],
                example["x-request"],
                _status(status),
                media_type,
                _body(example["value"]),
            )
            for status, response in responses.items()
            for media_type, content in response.get("content", {}).items()
            for example in content.get("examples", {}).values()
        ),
    )


def _parameter(parameter: dict) -> Parameter:
    return Parameter(
        name=parameter["name"],
        breakable_name=_breakable(parameter["name"]),
        value=value_in_words(parameter),
        description=render_markdown(parameter.get("description", "")),
    )


def value_in_words(parameter: dict) -> str:
    """What a parameter accepts, as a reader would say it."""
    words = _schema_in_words(parameter["schema"])
    return f"in the path; {words}" if parameter["in"] == "path" else words


def _schema_in_words(schema: dict) -> str:
    if schema.get("type") == "array":
        return f"repeatable; {_schema_in_words(schema['items'])}"
    if len(schema.get("enum", ())) == 1:
        words = f"{schema['enum'][0]}"
    elif "enum" in schema:
        words = "one of " + ", ".join(str(value) for value in schema["enum"])
    elif schema.get("type") == "integer":
        words = f"whole number from {schema.get('minimum', 0)} to {schema.get('maximum', 'any')}"
    else:
        words = "text"
    if "default" in schema:
        words += f"; default {schema['default']}"
    return words


def _breakable(name: str) -> SafeString:
    first, *rest = name.split("_")
    html = escape(first)
    for part in rest:
        html = format_html("{}_<wbr>{}", html, part)
    return html


def _resolve(document: dict, node: dict) -> dict:
    """`node`, or what its `$ref` (within the document) points at."""
    if "$ref" not in node:
        return node
    for key in node["$ref"].removeprefix("#/").split("/"):
        document = document[key]
    return document


def _status(code: str) -> str:
    return f"{code} {HTTPStatus(int(code)).phrase}"


def _body(value) -> str:
    if isinstance(value, str):
        return value
    return json.dumps(value, indent=2, ensure_ascii=False)


def _anchor(name: str) -> str:
    """`get /api/search.csv` or `Open data` -> `get-api-search-csv`, `open-data`."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
