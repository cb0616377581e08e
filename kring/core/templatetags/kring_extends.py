"""Django's ``{% extends %}``, with the blocks of the page it extends found once per parsed
template instead of on every page.

On every render Django walks the whole parsed base template (base.html: the header, the menus,
the footer, every ``{% if %}`` and ``{% once %}`` in them) to find its ``{% block %}`` nodes,
about 0.15 ms of each page (docs/performance.md, Load). A parsed template does not change
(Django's cached loader keeps it for the process; without that loader each render parses it
afresh), so its blocks are found the first time and kept with it. Registered as a builtin
(settings ``TEMPLATES``), so it replaces Django's tag in every template; everything else is
Django's."""

from django import template
from django.template.base import NodeList
from django.template.loader_tags import ExtendsNode, do_extends

register = template.Library()


class _KeptTypesNodeList(NodeList):
    """A parsed template's top node list that finds the nodes of a type once."""

    def __init__(self, nodelist: NodeList):
        super().__init__(nodelist)
        self.contains_nontext = nodelist.contains_nontext
        self.found = {}

    def get_nodes_by_type(self, nodetype):
        found = self.found.get(nodetype)
        if found is None:
            found = self.found[nodetype] = super().get_nodes_by_type(nodetype)
        return list(found)


class KeptBlocksExtendsNode(ExtendsNode):
    def get_parent(self, context):
        parent = super().get_parent(context)
        if type(parent.nodelist) is NodeList:
            parent.nodelist = _KeptTypesNodeList(parent.nodelist)
        return parent


@register.tag("extends")
def extends(parser, token):
    node = do_extends(parser, token)
    return KeptBlocksExtendsNode(node.nodelist, node.parent_name, node.template_dirs)
