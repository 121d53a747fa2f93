"""Hostile XML files, one per attack and XML reader: how they are made, and what each must do.

The small files are committed under ``tests/data/hostile/``; the big ones (``huge_attr``,
``huge_text``: past libxml2's 10 MB node limit) are generated into a temporary folder by
:func:`write_all`. Regenerate the committed ones with ``python -m tests.hardening.hostile``.

Every XML reader ahenk has is listed in :data:`TEMPLATES` (the registry's XML handlers, and
SRX); ``test_hostile_xml`` checks that no reader is missing. ``{X}`` is where an attack puts
its payload in the text of a segment or term, ``{A}`` in an attribute value.
"""

from __future__ import annotations

from pathlib import Path

HOSTILE = Path(__file__).resolve().parents[1] / "data" / "hostile"

#: A port nobody listens on; the network test rewrites it to its own loopback server's.
PORT = 47831
SECRET_FILE = "/etc/passwd"

_TMX_HEAD = ('<header srclang="en" segtype="sentence" o-tmf="x" adminlang="en" '
             'datatype="plaintext" creationtool="t" creationtoolversion="1"/>')

#: reader name -> (file suffix, document template with {X} in a text node and {A} in an attribute)
TEMPLATES: dict[str, tuple[str, str]] = {
    "tmx": (".tmx", f'<tmx version="1.4">{_TMX_HEAD}<body><tu tuid="{{A}}">'
                    '<tuv xml:lang="en"><seg>{X}</seg></tuv>'
                    '<tuv xml:lang="az"><seg>b</seg></tuv></tu></body></tmx>'),
    "tbx": (".tbx", '<martif type="TBX" xml:lang="en"><martifHeader><fileDesc><sourceDesc>'
                    '<p>x</p></sourceDesc></fileDesc></martifHeader><text><body>'
                    '<termEntry id="{A}"><langSet xml:lang="en"><tig><term>{X}</term></tig>'
                    '</langSet></termEntry></body></text></martif>'),
    "tbx-v3": (".v3.tbx", '<tbx type="TBX-Basic" style="dca" xml:lang="en" '
                          'xmlns="urn:iso:std:iso:30042:ed-2"><tbxHeader><fileDesc><sourceDesc>'
                          '<p>x</p></sourceDesc></fileDesc></tbxHeader><text><body>'
                          '<conceptEntry id="{A}"><langSec xml:lang="en"><termSec><term>{X}'
                          '</term></termSec></langSec></conceptEntry></body></text></tbx>'),
    "xliff": (".xlf", '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
                      '<file original="f" source-language="en" target-language="az" '
                      'datatype="plaintext"><body><trans-unit id="{A}"><source>{X}</source>'
                      '<target>b</target></trans-unit></body></file></xliff>'),
    "xliff2": (".v2.xlf", '<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" '
                          'srcLang="en" trgLang="az"><file id="f"><unit id="{A}"><segment>'
                          '<source>{X}</source><target>b</target></segment></unit></file>'
                          '</xliff>'),
    "srx": (".srx", '<srx xmlns="http://www.lisa.org/srx20" version="2.0"><header '
                    'segmentsubflows="yes" cascade="no"/><body><languagerules>'
                    '<languagerule languagerulename="{A}"><rule break="yes"><beforebreak>{X}'
                    '</beforebreak><afterbreak>\\s</afterbreak></rule></languagerule>'
                    '</languagerules><maprules><languagemap languagepattern=".*" '
                    'languagerulename="{A}"/></maprules></body></srx>'),
}

_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'


def _laughs(levels: int = 10, width: int = 10) -> str:
    lines = ['<!ENTITY lol0 "lol">']
    for i in range(1, levels):
        lines.append(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * width}">')
    return "\n".join(lines)


#: attack -> (internal subset / DOCTYPE, text payload, attribute payload, nesting)
#: What each must do: refused with a located ahenk error, or read with nothing fetched,
#: opened or expanded (see test_hostile_xml.py).
ATTACKS: dict[str, dict[str, str]] = {
    # external general entity on the local disk (XXE)
    "xxe_file": {"doctype": f'<!DOCTYPE r [\n<!ENTITY xxe SYSTEM "file://{SECRET_FILE}">\n]>',
                 "text": "&xxe;", "attr": "u1"},
    # external general entity over the network
    "xxe_http": {"doctype": f'<!DOCTYPE r [\n<!ENTITY xxe SYSTEM '
                            f'"http://127.0.0.1:{PORT}/xxe">\n]>',
                 "text": "&xxe;", "attr": "u1"},
    # external parameter entity (loaded while the DTD is parsed, before any element)
    "param_entity": {"doctype": f'<!DOCTYPE r [\n<!ENTITY % dtd SYSTEM '
                                f'"http://127.0.0.1:{PORT}/param.dtd">\n%dtd;\n'
                                f'<!ENTITY % file SYSTEM "file://{SECRET_FILE}">\n%file;\n]>',
                     "text": "a", "attr": "u1"},
    # a DOCTYPE whose external subset lives on a remote server
    "remote_dtd": {"doctype": f'<!DOCTYPE r SYSTEM "http://127.0.0.1:{PORT}/remote.dtd">',
                   "text": "a", "attr": "u1"},
    # exponential entity expansion, in text ("billion laughs")
    "billion_laughs": {"doctype": f"<!DOCTYPE r [\n{_laughs()}\n]>", "text": "&lol9;",
                       "attr": "u1"},
    # the same in an attribute value (libxml2 expands attribute entities to normalise them)
    "billion_laughs_attr": {"doctype": f"<!DOCTYPE r [\n{_laughs()}\n]>", "text": "a",
                            "attr": "&lol9;"},
    # quadratic blow-up: one 50 kB entity referenced 2,000 times (no nesting to detect)
    "quadratic_blowup": {"doctype": f'<!DOCTYPE r [\n<!ENTITY big "{"x" * 50_000}">\n]>',
                         "text": "&big;" * 2_000, "attr": "u1"},
    # 1,000 nested elements inside a segment (libxml2 stops at 256)
    "deep_nesting": {"doctype": "", "text": "<x>" * 1_000 + "a" + "</x>" * 1_000,
                     "attr": "u1"},
}

#: Generated, not committed: past libxml2's 10,000,000-byte limit for one node.
BIG_ATTACKS: dict[str, dict[str, str]] = {
    "huge_attr": {"doctype": "", "text": "a", "attr": "a" * 12_000_000},
    "huge_text": {"doctype": "", "text": "a" * 12_000_000, "attr": "u1"},
}


def render(reader: str, attack: dict[str, str]) -> bytes:
    suffix, template = TEMPLATES[reader]
    body = template.replace("{X}", attack["text"]).replace("{A}", attack["attr"])
    if reader == "xliff2":  # unknown elements inside <source> are not XLIFF 2 inline codes
        body = body.replace("<x>", '<pc id="1">').replace("</x>", "</pc>")
    elif reader == "xliff":
        body = body.replace("<x>", '<g id="1">').replace("</x>", "</g>")
    elif reader == "tmx":
        body = body.replace("<x>", "<hi>").replace("</x>", "</hi>")
    doctype = attack["doctype"]
    return (_DECL + (doctype + "\n" if doctype else "") + body + "\n").encode("utf-8")


def file_name(attack: str, reader: str) -> str:
    return attack + TEMPLATES[reader][0]


def write_all(folder: Path, attacks: dict[str, dict[str, str]] | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, attack in (attacks or ATTACKS).items():
        for reader in TEMPLATES:
            path = folder / file_name(name, reader)
            path.write_bytes(render(reader, attack))
            written.append(path)
    return written


if __name__ == "__main__":  # pragma: no cover - regenerates the committed files
    for path in write_all(HOSTILE):
        print(path.relative_to(HOSTILE.parents[2]))
