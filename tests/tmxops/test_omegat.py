"""OmegaT 3.6 loads and uses what ahenk writes: a TMX (both profiles) and a glossary.

Runs ``../shared/tools/omegat_check.sh`` (a headless OmegaT project; see its header) on a TMX
that ``ahenk tmx convert`` writes from a small bitext of corpus sentences: English lines
whose Azerbaijani translation is a single sentence too, taken line for line from the corpus.
Skips cleanly without java, OmegaT or ../shared.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from ahenk.cli import main
from tests.conftest import ROOT, shared_file

SENTENCES = 6
pytestmark = pytest.mark.slow  # four OmegaT start-ups: 20-40 s
_SPLIT = re.compile(r"[.!?;:]\s")


def corpus_pairs(count: int) -> list[tuple[str, str]]:
    """The first *count* en/az line pairs that are each one short sentence."""
    pairs: list[tuple[str, str]] = []
    for doc in sorted((ROOT / "corpus" / "en").glob("*.txt")):
        en = doc.read_text(encoding="utf-8").splitlines()
        az = (ROOT / "corpus" / "az" / doc.name).read_text(encoding="utf-8").splitlines()
        for e, a in zip(en, az, strict=False):
            if (e and a and e == e.strip() and a == a.strip() and len(e) < 120
                    and not _SPLIT.search(e) and not _SPLIT.search(a)
                    and e not in {p[0] for p in pairs}):
                pairs.append((e, a))
            if len(pairs) == count:
                return pairs
    return pairs


def omegat(*args: Path | str) -> dict[str, str]:
    script = shared_file("tools", "omegat_check.sh")
    if shutil.which(os.environ.get("JAVA", "java")) is None:
        pytest.skip("java is not installed")
    if not Path(os.environ.get("OMEGAT_JAR", "/usr/share/omegat/OmegaT.jar")).is_file():
        pytest.skip("OmegaT is not installed (apt-get install omegat)")
    done = subprocess.run(["bash", str(script), *map(str, args)], capture_output=True,
                          text=True, timeout=180)
    line = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    assert line.startswith("omegat:"), (done.returncode, done.stdout, done.stderr)
    fields = dict(item.split("=", 1) for item in line.split()[1:])
    fields["_line"] = line
    return fields


def ahenk(*args: Path | str) -> None:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def bitext(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("omegat")
    pairs = corpus_pairs(SENTENCES)
    assert len(pairs) == SENTENCES
    source = folder / "sentences.txt"
    source.write_text("\n\n".join(e for e, _ in pairs) + "\n", encoding="utf-8")
    tsv = folder / "sentences.tsv"
    tsv.write_text("en\taz\n" + "".join(f"{e}\t{a}\n" for e, a in pairs), encoding="utf-8")
    return source, tsv


@pytest.mark.parametrize("profile", ["omegat", "generic"])
def test_omegat_fills_every_sentence_from_the_tmx(bitext, tmp_path, profile):
    source, tsv = bitext
    memory = tmp_path / f"{profile}.tmx"
    ahenk("tmx", "convert", tsv, memory, "--profile", profile)
    fields = omegat(memory, source, "en", "az")
    print(fields["_line"])
    assert fields["loaded"] == "1", fields["_line"]
    assert fields["errors"] == "0", fields["_line"]
    assert fields["warnings"] == "0", fields["_line"]
    assert fields["filled_from_tmx"] == str(SENTENCES), fields["_line"]
    assert fields["in_target"] == str(SENTENCES), fields["_line"]


@pytest.mark.parametrize("profile", ["omegat", "generic"])
def test_omegat_reads_the_glossary_ahenk_writes(bitext, tmp_path, profile):
    source, tsv = bitext
    memory = tmp_path / f"{profile}.tmx"
    ahenk("tmx", "convert", tsv, memory, "--profile", profile)
    glossary = tmp_path / "glossary.utf8"
    ahenk("glossary", "convert", ROOT / "glossaries" / "termbase.tsv", glossary,
          "--src-lang", "en", "--tgt-lang", "az")
    fields = omegat(memory, source, "en", "az", glossary)
    print(fields["_line"])
    assert fields["loaded"] == "1" and fields["errors"] == "0", fields["_line"]
    assert fields["glossary_loaded"] == "1", fields["_line"]
    assert fields["glossary_errors"] == "0", fields["_line"]
    assert fields["filled_from_tmx"] == str(SENTENCES), fields["_line"]
