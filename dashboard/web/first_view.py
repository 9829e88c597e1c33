"""The first view of a page as HTML, sent with the page so a phone paints it before any script.

Dash answers every address with an empty page and draws it in the browser once React, Dash and
the component bundles have loaded and two requests have come back: on a phone (Lighthouse's
mobile preset) nothing but "Loading..." showed for 5.5 s, and then the whole page arrived at
once, pushing the footer down (a layout shift of 0.3-0.9). Every page's layout is already
complete on the server (its numbers, titles and summaries are computed there, see
``pages/overview.py``) and the app's layout already holds it
(``components/shell.page_container``), so the index HTML carries that layout, rendered here as
static HTML in ``<div id="first-view">``. Dash renders the same layout into
``#react-entry-point``, hidden behind it (``assets/app.css``), and ``assets/first-view.js``
removes the static copy in the frame where Dash's page is ready: the reader sees one page
throughout, which becomes interactive.

``to_html`` writes the HTML the components' React code writes for them (the classes of
dash-bootstrap-components 2, the ``_dbcprivate_`` ids of its check lists), checked against the
DOM Chromium builds (``tests/e2e/test_first_view_e2e.py``). Ids are prefixed with ``fv-`` so the
document never holds two elements with one id while both copies exist. A component this module
does not know makes ``first_view`` return None: the page is then served as Dash serves it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any

from markupsafe import Markup, escape

PREFIX = "fv-"
# The id prefix of the HTML being written: ``fv-`` for the first view, none for a static
# section's own copy (``components/static_section.py``), which becomes part of Dash's page.
_id_prefix: ContextVar[str] = ContextVar("first_view_id_prefix", default=PREFIX)
# The attribute holding a static section's HTML (its children rendered once on the server).
STATIC_HTML = "data-static-html"
VOID = {"area", "br", "col", "hr", "img", "input", "meta", "source", "track", "wbr"}
# React prop names that differ from the HTML attribute.
ATTRIBUTES = {
    "className": "class",
    "class_name": "class",
    "htmlFor": "for",
    "tabIndex": "tabindex",
    "colSpan": "colspan",
    "rowSpan": "rowspan",
    "dateTime": "datetime",
    "readOnly": "readonly",
    "maxLength": "maxlength",
    "autoComplete": "autocomplete",
    "spellCheck": "spellcheck",
    "accessKey": "accesskey",
    "contentEditable": "contenteditable",
    "hrefLang": "hreflang",
}
# Dash's own props, which are not attributes.
NOT_ATTRIBUTES = {
    "children",
    "n_clicks",
    "n_clicks_timestamp",
    "disable_n_clicks",
    "loading_state",
    "setProps",
    "key",
    "persistence",
    "persisted_props",
    "persistence_type",
}
ID_REFERENCES = {"for", "aria-controls", "aria-labelledby", "aria-describedby", "list"}
UNITLESS = {"opacity", "zIndex", "fontWeight", "lineHeight", "flex", "flexGrow", "order"}
# Components with nothing to show before Dash runs.
INVISIBLE = {"Store", "Location", "Download", "Interval", "ConfirmDialog", "Tooltip", "Modal"}


class UnknownComponent(Exception):
    """A component ``to_html`` has no rendering for."""


def element_id(value: Any) -> str:
    """The DOM id Dash gives a component id (pattern-matching ids: JSON with sorted keys)."""
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True, separators=(",", ":"))
    return str(value)


def css(style: dict[str, Any]) -> str:
    def declaration(name: str, value: Any) -> str:
        prop = re.sub(r"[A-Z]", lambda m: "-" + m.group(0).lower(), name)
        if isinstance(value, int | float) and name not in UNITLESS:
            value = f"{value}px"
        return f"{prop}: {value}"

    return "; ".join(declaration(k, v) for k, v in style.items() if v is not None)


def attributes(props: dict[str, Any]) -> str:
    """The attributes, in name order (Dash does not keep the order props were given in)."""
    parts = []
    for name, value in sorted(props.items(), key=lambda item: ATTRIBUTES.get(item[0], item[0])):
        if name in NOT_ATTRIBUTES or value is None or value is False:
            continue
        attr = ATTRIBUTES.get(name, name)
        prefix = _id_prefix.get()
        if attr == "style":
            value = css(value)
        elif attr == "id":
            value = prefix + element_id(value)
        elif attr in ID_REFERENCES:
            value = " ".join(prefix + v for v in str(value).split())
        elif attr == "href" and str(value).startswith("#"):
            value = "#" + prefix + str(value)[1:]
        if value is True:
            parts.append(f" {attr}")
        elif isinstance(value, dict | list):
            continue  # not an attribute React would write either
        else:
            parts.append(f' {attr}="{escape(value)}"')
    return "".join(parts)


def tag(name: str, props: dict[str, Any], inner: str = "") -> str:
    if name in VOID:
        return f"<{name}{attributes(props)}>"
    return f"<{name}{attributes(props)}>{inner}</{name}>"


def classes(*names: Any) -> str | None:
    return " ".join(str(n) for n in names if n) or None


def props_of(component: Any) -> dict[str, Any]:
    """The props set on a component (Dash keeps unset ones out of ``to_plotly_json``)."""
    return dict(component.to_plotly_json()["props"])


def to_html(node: Any, prefix: str | None = None) -> str:
    """HTML for a Dash component tree (or a string, number or list of them); ids prefixed with
    ``prefix`` (default ``fv-``, the first view's)."""
    if prefix is not None:
        token = _id_prefix.set(prefix)
        try:
            return to_html(node)
        finally:
            _id_prefix.reset(token)
    if node is None or isinstance(node, bool):
        return ""
    if isinstance(node, Markup):  # HTML written on the server (a chart's picture)
        return str(node)
    if isinstance(node, str | int | float):
        return str(escape(str(node)))
    if isinstance(node, dict):
        # A component in Dash's JSON form (``chart_card.data_table`` writes its rows so).
        namespace, kind, props = node["namespace"], node["type"], dict(node["props"])
    elif isinstance(node, Iterable) and not hasattr(node, "_type"):
        return "".join(to_html(child) for child in node)
    else:
        namespace, kind = node._namespace, node._type
        props = props_of(node)
    static = getattr(node, "static_children", None)
    if static is not None:  # a static section: its children, not the copy in the attribute
        props.pop(STATIC_HTML, None)
        props["children"] = static
    inner = to_html(props.get("children"))
    if namespace == "dash_html_components":
        name = {"MapEl": "map", "ObjectEl": "object"}.get(kind, kind.lower())
        if name == "details" and "collapse-on-phones" in str(props.get("className", "")):
            # Closed on phones by the script right after it, which the parser runs before the
            # browser can paint the panel open (at the end of the page it sometimes came after
            # a paint, and everything below the panel jumped up).
            return tag(name, props, inner) + f"<script>{PHONE_SCRIPT}</script>"
        return tag(name, props, inner)
    if namespace == "dash_bootstrap_components":
        return _bootstrap(kind, props, inner)
    if namespace == "dash_core_components":
        return _core(kind, props, inner)
    raise UnknownComponent(f"{namespace}.{kind}")


def _class(props: dict[str, Any]) -> Any:
    return props.pop("class_name", None) or props.pop("className", None)


def _col_classes(props: dict[str, Any]) -> list[str]:
    out = []
    for breakpoint in ("width", "xs", "sm", "md", "lg", "xl", "xxl"):
        spec = props.pop(breakpoint, None)
        if spec is None:
            continue
        infix = "" if breakpoint in ("width", "xs") else f"-{breakpoint}"
        size = spec.get("size") if isinstance(spec, dict) else spec
        if size is True or size == "":
            out.append(f"col{infix}")
        elif size is not None:
            out.append(f"col{infix}-{size}")
    return out or ["col"]


def _choices(kind: str, props: dict[str, Any]) -> str:
    """dbc.Checklist / RadioItems: one ``form-check`` per option, as dbc writes them."""
    cid = element_id(props.get("id", ""))
    value = props.get("value")
    chosen = set(value or []) if kind == "Checklist" else {value}
    input_type = "checkbox" if kind == "Checklist" else "radio"
    inline = "form-check-inline" if props.get("inline") else None
    switch = "form-switch" if props.get("switch") else None
    rows = []
    for option in props.get("options") or []:
        if not isinstance(option, dict):
            option = {"label": option, "value": option}
        oid = f"_dbcprivate_{kind.lower()}_{cid}_input_{option['value']}"
        box = tag(
            "input",
            {
                "id": oid,
                "className": classes("form-check-input", props.get("input_class_name")),
                "type": input_type,
                "value": option["value"],
                "checked": option["value"] in chosen,
                "disabled": bool(option.get("disabled")),
            },
        )
        label = tag(
            "label",
            {
                "className": classes("form-check-label", props.get("label_class_name")),
                "htmlFor": oid,
            },
            to_html(option.get("label")),
        )
        rows.append(tag("div", {"className": classes("form-check", inline, switch)}, box + label))
    return tag("div", {"id": props.get("id"), "className": _class(props)}, "".join(rows))


def _bootstrap(kind: str, props: dict[str, Any], inner: str) -> str:  # noqa: C901 - a lookup table
    cls = _class(props)
    if kind == "Container":
        fluid = props.pop("fluid", None)
        variant = "container" if not fluid else f"container-{'fluid' if fluid is True else fluid}"
        return tag("div", {**props, "className": classes(cls, variant)}, inner)
    if kind == "Row":
        return tag("div", {"id": props.get("id"), "className": classes(cls, "row")}, inner)
    if kind == "Col":
        cols = _col_classes(props)
        return tag("div", {"id": props.get("id"), "className": classes(cls, *cols)}, inner)
    if kind in ("Card", "CardBody", "CardHeader", "CardFooter"):
        base = {"Card": "card"}.get(kind, "card-" + kind[4:].lower())
        return tag("div", {"id": props.get("id"), "className": classes(cls, base)}, inner)
    if kind == "Navbar":
        dark = props.get("dark")
        shade = "navbar-dark" if dark else ("navbar-light" if dark is False else None)
        colour = props.get("color")
        expand = props.get("expand", "md")
        expand_class = "navbar-expand" if expand is True else f"navbar-expand-{expand}"
        return tag(
            "nav",
            {
                "id": props.get("id"),
                "className": classes(cls, "navbar", expand_class, shade, colour and f"bg-{colour}"),
            },
            inner,
        )
    if kind == "Collapse":
        nav = "navbar-collapse" if props.get("navbar") else None
        shown = "show" if props.get("is_open") else None
        return tag(
            "div", {"className": classes(cls, nav, "collapse", shown), "id": props.get("id")}, inner
        )
    if kind == "Button":
        colour = props.get("color", "primary")
        variant = f"btn-outline-{colour}" if props.get("outline") else f"btn-{colour}"
        size = props.get("size") and f"btn-{props['size']}"
        base = {"id": props.get("id"), "className": classes(cls, "btn", variant, size)}
        if props.get("href"):
            return tag("a", {**base, "href": props["href"]}, inner)
        return tag("button", {**base, "type": props.get("type", "button")}, inner)
    if kind == "Label":
        check = "form-check-label" if props.get("check") else None
        return tag(
            "label",
            {
                "id": props.get("id"),
                "className": classes(cls, check, "form-label"),
                "htmlFor": props.get("html_for"),
            },
            inner,
        )
    if kind == "Select":
        chosen = props.get("value")
        options = tag(
            "option",
            {"value": "", "disabled": True, "hidden": True},
            to_html(props.get("placeholder")),
        )
        for option in props.get("options") or []:
            options += tag(
                "option",
                {
                    "value": option["value"],
                    "selected": option["value"] == chosen,
                    "disabled": bool(option.get("disabled")),
                },
                to_html(option.get("label")),
            )
        size = props.get("size") and f"form-select-{props['size']}"
        return tag(
            "select",
            {"className": classes(cls, "form-select", size), "id": props.get("id")},
            options,
        )
    if kind in ("Input", "Textarea"):
        size = props.get("size") and f"form-control-{props['size']}"
        keep = {
            k: props.get(k)
            for k in (
                "id",
                "type",
                "placeholder",
                "name",
                "rows",
                "readonly",
                "autoComplete",
                "inputMode",
            )
        }
        keep = {**keep, "className": classes(cls, "form-control", size)}
        for name in ("aria-label", "aria-describedby"):
            keep[name] = props.get(name)
        if kind == "Textarea":
            return tag("textarea", keep, to_html(props.get("value")))
        return tag("input", {**keep, "value": props.get("value")})
    if kind in ("Checklist", "RadioItems"):
        return _choices(kind, {**props, "className": cls})
    if kind == "Switch":
        sid = props.get("id")
        box = tag(
            "input",
            {
                "id": sid,
                "className": "form-check-input",
                "type": "checkbox",
                "checked": bool(props.get("value")),
            },
        )
        label = tag(
            "label",
            {"className": "form-check-label form-label", "htmlFor": sid},
            to_html(props.get("label")),
        )
        return tag("div", {"className": classes("form-check", "form-switch", cls)}, box + label)
    if kind == "Badge":
        colour = props.get("color", "secondary")
        return tag(
            "span",
            {"id": props.get("id"), "className": classes(cls, "badge", f"bg-{colour}")},
            inner,
        )
    if kind == "Alert":
        colour = props.get("color", "success")
        return tag(
            "div",
            {
                "id": props.get("id"),
                "role": "alert",
                "className": classes(cls, "alert", f"alert-{colour}"),
            },
            inner,
        )
    if kind in INVISIBLE:
        return ""
    raise UnknownComponent(f"dash_bootstrap_components.{kind}")


def _core(kind: str, props: dict[str, Any], inner: str) -> str:
    if kind in INVISIBLE:
        return ""
    if kind == "Graph":
        # Plotly draws later; the chart's box (``components/chart_card.graph_box``) keeps its room.
        return tag(
            "div",
            {"id": props.get("id"), "className": classes("dash-graph", props.get("className"))},
        )
    if kind == "Link":
        return tag(
            "a", {k: props.get(k) for k in ("id", "className", "href", "title", "target")}, inner
        )
    if kind == "Loading":
        return inner
    raise UnknownComponent(f"dash_core_components.{kind}")


# Applied while the page is parsed, before it is painted, so the first view opens as Dash's will:
# a filter panel that ``components/filter_panel.COLLAPSE_ON_PHONES`` closes on phones is closed
# by this script, written right after it.
PHONE_SCRIPT = (
    "(function(d){if(d&&window.innerWidth<768){d.open=false;}})"
    "(document.currentScript.previousElementSibling);"
)


def first_view(layout: Any) -> str | None:
    """``<div id="first-view">`` holding the app's layout (the shell with the page in it,
    ``components/shell.layout``); None when a component has no static rendering."""
    try:
        inner = to_html(layout)
    except UnknownComponent:
        return None
    return f'<div id="first-view">{inner}</div>'
