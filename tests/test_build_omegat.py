"""OmegaT 3.6 takes the built memories and the exported glossaries as they are.

For each pair, the committed ``tmx/en-XX.tmx`` (held current by tests/test_build.py) is loaded
into a fresh headless OmegaT project by ``../shared/tools/omegat_check.sh`` together with the
exported OmegaT glossary, and the project's source document is made of the memory's English
sides, one paragraph each. OmegaT segments that document with its own default rules; every
segment that is a source in the memory must be filled from it (ahenk's SRX engine reproduces
OmegaT's segmentation exactly, so the expected count is computed, not guessed). Skips cleanly
without java, OmegaT or ../shared.
"""

from __future__ import annotations

import pytest

from ahenk.formats import registry
from ahenk.segment import segment
from tests.conftest import ROOT, shared_file
from tests.tmxops.test_omegat import omegat as run_omegat

pytestmark = pytest.mark.slow  # one OmegaT start-up per pair: ~10 s each


@pytest.mark.parametrize("tgt", ["az", "ru"])
def test_omegat_uses_the_built_memory_and_glossary(tgt, tmp_path):
    rules = shared_file("interop", "srx", "omegat_defaultRules.srx")
    memory = ROOT / "tmx" / f"en-{tgt}.tmx"
    glossary = ROOT / "glossaries" / "export" / "omegat" / f"en-{tgt}.utf8"
    sources = [unit.source.text for unit in registry.read(memory)]
    document = tmp_path / f"corpus-en-{tgt}.txt"
    document.write_text("\n\n".join(sources) + "\n", encoding="utf-8")
    omegat_segments = [s.text.strip() for text in sources for s in segment(text, "en",
                                                                           rules=str(rules))]
    in_memory = set(sources)
    expected = sum(1 for s in omegat_segments if s in in_memory)

    got = run_omegat(memory, document, "en", tgt, glossary)

    assert got["loaded"] == "1" and got["errors"] == "0" and got["warnings"] == "0", got
    assert int(got["segments"]) == len(omegat_segments), got
    assert int(got["tus_usable"]) == len(sources) and got["tus_no_target"] == "0", got
    assert int(got["filled_from_tmx"]) == expected, got
    assert got["in_target"] == got["filled_from_tmx"], got
    assert got["glossary_loaded"] == "1" and got["glossary_errors"] == "0", got
    assert int(got["glossary_entries"]) > 300 and int(got["glossary_hits"]) > 0, got
