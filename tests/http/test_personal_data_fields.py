"""Fields that ask for the reader's own data say what they hold (WCAG 1.3.5, Identify Input
Purpose), so browsers and assistive tools can fill them in: the sign-in form's user name and
password, and the e-mail address of the data-problem report. Fields about other people (the
admin's contact directory) are not the user's own data and carry no such purpose."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from dashboard.components.report_form import report_form


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "input" and attributes.get("id"):
            self.inputs[str(attributes["id"])] = attributes


@pytest.mark.parametrize("lang", ["lv", "en"])
def test_sign_in_fields_name_their_purpose(client, lang):
    response = client.get(f"/login?lang={lang}")
    assert response.status_code == 200
    parser = _Inputs()
    parser.feed(response.get_data(as_text=True))
    username, password = parser.inputs["username"], parser.inputs["password"]
    assert username["autocomplete"] == "username"
    assert (password["type"], password["autocomplete"]) == ("password", "current-password")


def test_the_report_forms_e_mail_field_names_its_purpose():
    form = report_form("lv", [], [], [], "30 dienas")

    def walk(node):
        if isinstance(node, (list, tuple)):
            for item in node:
                yield from walk(item)
        elif hasattr(node, "to_plotly_json"):
            yield node
            yield from walk(getattr(node, "children", None))

    email = next(c for c in walk(form) if getattr(c, "id", None) == "data-report-email")
    assert (email.type, email.autocomplete) == ("email", "email")
