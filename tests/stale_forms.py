"""Read the forms of a page as a browser would send them, for tests that post what a person
saw (hidden version included) with a change of their own."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action"), "fields": [], "names": set()}
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            self._form["names"].add(name)
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    self._form["fields"].append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self._form["fields"].append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._form["names"].add(name)
            self._select = {"name": name, "chosen": [], "first": None, "multiple": "multiple" in a}
        elif tag == "option" and self._select is not None:
            value = a.get("value")
            self._option = value
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in a:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._form["names"].add(name)
            self._textarea = [name, ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            for value in chosen:
                self._form["fields"].append((self._select["name"], value or ""))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            self._form["fields"].append((name, text.removeprefix("\n")))
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    """Every form of the page: {"action", "fields": [(name, value), ...], "names": {...}}."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms


def form_with(html: str, field: str) -> dict:
    """The fields of the first form on the page that has ``field``: {name: value or [values]}."""
    parser = _Forms()
    parser.feed(html)
    for form in parser.forms:
        if field in form["names"]:
            data: dict = {}
            for name, value in form["fields"]:
                if name in data:
                    data[name] = [*(data[name] if isinstance(data[name], list) else [data[name]])]
                    data[name].append(value)
                else:
                    data[name] = value
            data.pop("csrfmiddlewaretoken", None)
            data["_action"] = form["action"]
            return data
    raise AssertionError(f"no form with a field {field!r} on this page")
