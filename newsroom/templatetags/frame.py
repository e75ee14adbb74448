"""`{% kept "name" vary… %}…{% endkept %}`: a part of the page's frame drawn once per process.

The frame around every page (the stylesheets and icons, the header, the menu, the footer) is
the same on every page in a language, but drawing it costs a dozen `reverse()` calls, eight
`{% static %}` lookups, translations and the menu's loop: about a millisecond, as much as the
rest of a cold page. A kept part is drawn once and then reused while the language, the values
it names after its name and the version of `all` (a renamed section retires everything) are
those it was drawn with. That version is read before the part is drawn, from the same memo
the menu's sections are remembered under (`retire.remembered`): the part never shows an older
menu than the version it is kept under. Nothing personal and nothing from the request but what
it names may be inside.
"""

from django import template
from django.utils.translation import get_language

from newsroom.infra import retire

register = template.Library()

MAX_KEPT = 256  # copies of one part (say, the menu with each section current) per process
_kept: dict[str, tuple[int, dict]] = {}  # name -> (`all`'s version, {(language, *vary): html})


class KeptNode(template.Node):
    def __init__(self, nodelist, name, vary):
        self.nodelist, self.name, self.vary = nodelist, name, vary

    def render(self, context):
        version = retire.versions([retire.EVERYTHING])[retire.EVERYTHING]
        held = _kept.get(self.name)
        if held is None or held[0] != version or len(held[1]) >= MAX_KEPT:
            held = _kept[self.name] = (version, {})
        key = (get_language(), *(value.resolve(context) for value in self.vary))
        html = held[1].get(key)
        if html is None:
            html = held[1][key] = self.nodelist.render(context)
        return html


@register.tag
def kept(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError("{% kept %} needs a quoted name")
    nodelist = parser.parse(("endkept",))
    parser.delete_first_token()
    return KeptNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
