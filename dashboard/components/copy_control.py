"""The "Copy" buttons of the chart tools: citation, permalink and embed code to the clipboard.

``dcc.Clipboard`` does the copying (the browser's Clipboard API; the target's ``innerText``, else
its ``value``). It draws a bare ``div`` holding an icon, which a keyboard cannot reach and a
screen reader cannot name, so its content here is a real ``button`` with the visible word
"Copy" and, for screen readers, what it copies ("Copy the citation": the visible word first,
WCAG 2.5.3). A status line beside it, a live region, then says whether the text was copied.
"""

from __future__ import annotations

from dash import MATCH, Dash, Input, Output, State, dcc, html

from dashboard.i18n import N_, t, tc

# What each button copies: (its name after "Copy", the status line once it has copied).
COPY_TEXTS = {
    "citation": (N_("the citation"), N_("Citation copied to the clipboard.")),
    "permalink": (N_("the link"), N_("Link copied to the clipboard.")),
    "embed": (N_("the embed code"), N_("Embed code copied to the clipboard.")),
}
COPY = "copy-button"  # the pattern-matching id type of a copy button (``{"type", "target"}``)
COPY_STATUS = "copy-status"  # and of the status line beside it
COPIED_CLASS = "copy-done"  # on the button while dcc.Clipboard shows its "copied" content

# After a press, waits (up to two seconds) for dcc.Clipboard to show its "copied" content,
# which it does only once the browser has taken the text, and writes the outcome into the
# status line (a live region: screen readers hear it). A zero-width space on every other press
# makes a repeated copy a new announcement. Both texts come from the status line's data-*
# attributes, in the page's language.
COPIED_SCRIPT = """
async function (n, copied, failed) {
    if (!n) { return window.dash_clientside.no_update; }
    const target = window.dash_clientside.callback_context.triggered_id.target;
    const repeat = n % 2 ? "" : "\\u200b";
    for (let waited = 0; waited < 2000; waited += 100) {
        await new Promise(function (resolve) { setTimeout(resolve, 100); });
        const button = document.getElementById(target + "-copy");
        if (button && button.classList.contains("%s")) { return copied + repeat; }
    }
    return failed + repeat;
}
""".replace("%s", COPIED_CLASS)


def _button(target_id: str, word: str, what: str | None, class_name: str) -> html.Button:
    hidden = html.Span(f" {what}", className="visually-hidden") if what else None
    return html.Button(
        [word, hidden],
        id=f"{target_id}-copy",
        type="button",
        className=class_name,
    )


def copy_control(chart_id: str, part: str, lang: str) -> html.Div:
    """A "Copy" button that puts the text of ``{chart_id}-{part}`` (``part``: a key of
    :data:`COPY_TEXTS`) on the clipboard, and the status line that says whether it did.

    The clipboard needs a secure context (HTTPS or localhost): elsewhere ``dcc.Clipboard`` draws
    nothing and the text can still be selected and copied by hand.
    """
    target_id = f"{chart_id}-{part}"
    what, copied = (t(text, lang) for text in COPY_TEXTS[part])
    copy_word = tc("button", "Copy", lang)
    return html.Div(
        [
            dcc.Clipboard(
                id={"type": COPY, "target": target_id},
                target_id=target_id,
                title=f"{copy_word} {what}",
                children=_button(target_id, copy_word, what, "btn btn-sm btn-outline-secondary"),
                # For a second after copying. The same id keys the same element in Dash, so the
                # button the reader pressed is updated in place and keeps the focus.
                copied_children=_button(
                    target_id,
                    "✓ " + t("Copied", lang),
                    None,
                    f"btn btn-sm btn-outline-success {COPIED_CLASS}",
                ),
                className="copy-clipboard",
            ),
            html.Span(
                id={"type": COPY_STATUS, "target": target_id},
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


def register_copy_callbacks(app: Dash) -> None:
    """The status line of every copy button (one pattern-matching callback, run in the browser)."""
    app.clientside_callback(
        COPIED_SCRIPT,
        Output({"type": COPY_STATUS, "target": MATCH}, "children"),
        Input({"type": COPY, "target": MATCH}, "n_clicks"),
        State({"type": COPY_STATUS, "target": MATCH}, "data-copied"),
        State({"type": COPY_STATUS, "target": MATCH}, "data-failed"),
    )
