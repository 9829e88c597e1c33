"""The "Copy" buttons of the chart tools: citation, permalink and embed code to the clipboard.

Plain HTML, handled by ``assets/copy-buttons.js`` (the browser's Clipboard API; the target's
``value`` for the embed code's text area, else its ``innerText``). They used to be
``dcc.Clipboard`` components with a client-side callback each: with three per chart that was
about a hundred Dash components on the overview, and React's work on Dash's copy of the page is
what blocked a phone's main thread (docs/BENCHMARKS.md, issue 14). As plain HTML the whole tools
block goes to the browser as a static section (``components/static_section.py``).

Each is a real button with the visible word "Copy" and, for screen readers, what it copies
("Copy the citation": the visible word first, WCAG 2.5.3). A status line beside it, a live
region, then says whether the text was copied; for a second the button says "✓ Copied".
"""

from __future__ import annotations

from dash import html

from dashboard.i18n import N_, t, tc

# What each button copies: (its name after "Copy", the status line once it has copied).
COPY_TEXTS = {
    "citation": (N_("the citation"), N_("Citation copied to the clipboard.")),
    "permalink": (N_("the link"), N_("Link copied to the clipboard.")),
    "embed": (N_("the embed code"), N_("Embed code copied to the clipboard.")),
}
COPY_TARGET = "data-copy-target"  # on the button: the id of the element whose text it copies
COPIED_CLASS = "copy-done"  # on the button for a second after it has copied


def copy_control(chart_id: str, part: str, lang: str) -> html.Div:
    """A "Copy" button that puts the text of ``{chart_id}-{part}`` (``part``: a key of
    :data:`COPY_TEXTS`) on the clipboard, and the status line that says whether it did.

    The clipboard needs a secure context (HTTPS or localhost): elsewhere the script selects the
    text and the status line asks the reader to copy it with Ctrl+C.
    """
    target_id = f"{chart_id}-{part}"
    what, copied = (t(text, lang) for text in COPY_TEXTS[part])
    copy_word = tc("button", "Copy", lang)
    return html.Div(
        [
            html.Button(
                [
                    html.Span(copy_word, className="copy-word"),
                    html.Span(f" {what}", className="visually-hidden"),
                ],
                id=f"{target_id}-copy",
                type="button",
                className="btn btn-sm btn-outline-secondary copy-button",
                **{COPY_TARGET: target_id, "data-done": "✓ " + t("Copied", lang)},
            ),
            html.Span(
                id=f"{target_id}-status",
                role="status",
                className="copy-status small",
                **{
                    "aria-live": "polite",
                    "data-copied": copied,
                    "data-failed": t(
                        "Could not copy: select the text and copy it with Ctrl+C.", lang
                    ),
                },
            ),
        ],
        className="copy-control d-flex flex-wrap align-items-center gap-2",
    )
