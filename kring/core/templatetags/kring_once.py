"""``{% once "name" a b %}…{% endonce %}``: the part between is rendered once per process for
each value of the named variables and the active language, and the same HTML is used again
after that. For the parts of every page that depend on nothing else (the collective's menu,
the language choice, the static files' addresses), which cost the template engine several
milliseconds on each request (docs/performance.md, Load).

What is inside must depend only on the key: the variables named and the language (and on the
code and settings, which do not change while the process runs). No database state goes in,
so nothing needs forgetting when data changes, on any node."""

from django import template
from django.core.signals import setting_changed
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

# Bounded: a collective's menu per role and page area is a few dozen entries per collective.
MAX_KEPT = 5000
_kept: dict = {}


def _forget(**kwargs):
    # A test that changes settings (static files, languages) gets freshly rendered parts.
    _kept.clear()


setting_changed.connect(_forget)


class OnceNode(template.Node):
    def __init__(self, name: str, variables: list, nodelist):
        self.name, self.variables, self.nodelist = name, variables, nodelist

    def render(self, context):
        key = (self.name, get_language(), *(_hashable(v.resolve(context)) for v in self.variables))
        html = _kept.get(key)
        if html is None:
            html = mark_safe(self.nodelist.render(context))
            if len(_kept) >= MAX_KEPT:
                _kept.clear()
            _kept[key] = html
        return html


def _hashable(value):
    if isinstance(value, (set, list, tuple)):
        return tuple(sorted(value))
    return value


@register.tag
def once(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'":
        raise template.TemplateSyntaxError('{% once "name" variable … %} needs a quoted name')
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(bits[1][1:-1], [parser.compile_filter(b) for b in bits[2:]], nodelist)
