"""Reading Dash component trees in unit tests: walk them, find by id, collect text and links.

The component builders in ``dashboard/components`` return component objects (and, for large
tables, their JSON form: ``{"type", "namespace", "props"}`` dicts); these helpers read both so a
test can check what a reader would see without rendering anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from dash.development.base_component import Component


def _props(node: Any) -> dict[str, Any]:
    if isinstance(node, Component):
        return node.to_plotly_json()["props"]  # set props only, wildcards (aria-…) included
    return node["props"]


def _children(node: Any) -> Any:
    """A node's children; a static section's (``components/static_section.py``) are the
    components it was built from, which the browser receives as HTML."""
    static = getattr(node, "static_children", None)
    return static if static is not None else _props(node).get("children")


def _is_node(node: Any) -> bool:
    return isinstance(node, Component) or (
        isinstance(node, dict) and "props" in node and "type" in node
    )


def walk(node: Any) -> Iterator[Any]:
    """Every component in ``node`` (a component, a JSON-form dict or a list of them), depth
    first, the node itself included."""
    if _is_node(node):
        yield node
        yield from walk(_children(node))
    elif isinstance(node, list | tuple):
        for item in node:
            yield from walk(item)


def kind(node: Any) -> str:
    """The component's type name (``"A"``, ``"Li"``, ``"Card"`` …)."""
    return node._type if isinstance(node, Component) else node["type"]


def prop(node: Any, name: str, default: Any = None) -> Any:
    return _props(node).get(name, default)


def by_id(node: Any, component_id: Any) -> Any:
    """The one component with ``component_id``; fails when there are none or several."""
    found = [c for c in walk(node) if prop(c, "id") == component_id]
    assert len(found) == 1, f"{component_id!r} found {len(found)} times"
    return found[0]


def ids(node: Any) -> list[Any]:
    return [prop(c, "id") for c in walk(node) if prop(c, "id") is not None]


def of_kind(node: Any, name: str) -> list[Any]:
    return [c for c in walk(node) if kind(c) == name]


def texts(node: Any) -> list[str]:
    """The strings (and numbers) among the children, in reading order."""
    if isinstance(node, str):
        return [node]
    if isinstance(node, int | float) and not isinstance(node, bool):
        return [str(node)]
    if _is_node(node):
        return texts(_children(node))
    if isinstance(node, list | tuple):
        return [t for item in node for t in texts(item)]
    return []


def text(node: Any) -> str:
    """All visible text of ``node``, pieces joined by a space and runs of spaces collapsed
    (non-breaking spaces, which the formatting puts in numbers on purpose, are kept)."""
    return re.sub(r"[ \t\n]+", " ", " ".join(texts(node))).strip()


def links(node: Any) -> list[tuple[str, str]]:
    """``(text, href)`` of every link."""
    return [(text(a), prop(a, "href")) for a in of_kind(node, "A")]
