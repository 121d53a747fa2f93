"""``ahenk build``: the main job over the shipped corpus and termbase.

At this stage it validates the corpus (manifest, encodings, line-for-line structure of the
translations) and the termbase, and gathers their statistics. Later stages (segment, align, TMX,
checks) plug in here so that the README's first command always runs the whole pipeline.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ahenk.corpus import Corpus, TextStats, corpus_stats, load_corpus, validate_corpus
from ahenk.diagnostics import Problem
from ahenk.glossary import TermbaseStats, load_termbase, termbase_stats
from ahenk.termbase.model import Termbase
from ahenk.termbase.validate import validate_termbase


@dataclass
class BuildResult:
    corpus: Corpus
    termbase: Termbase
    corpus_problems: list[Problem] = field(default_factory=list)
    termbase_problems: list[Problem] = field(default_factory=list)
    corpus_stats: dict[str, TextStats] = field(default_factory=dict)
    termbase_stats: TermbaseStats | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.corpus_problems + self.termbase_problems


def build(corpus_dir: str | Path = "corpus",
          glossary: str | Path = Path("glossaries") / "termbase.tsv") -> BuildResult:
    corpus = load_corpus(corpus_dir)
    termbase = load_termbase(glossary)
    languages = [tag.language for tag in corpus.languages]
    return BuildResult(
        corpus=corpus,
        termbase=termbase,
        corpus_problems=validate_corpus(corpus),
        termbase_problems=validate_termbase(termbase, languages),
        corpus_stats=corpus_stats(corpus),
        termbase_stats=termbase_stats(termbase),
    )
