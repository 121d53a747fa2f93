"""``ahenk build``: the main job — corpus and termbase in, language assets and a check out.

Steps, each a function of its own so ``ahenk tmx build`` and tests can run one:

1. validate the corpus (manifest, encodings, line-for-line structure) and the termbase;
2. segment every document in every language (:mod:`ahenk.segment`, paragraphs = lines);
3. align English with Azerbaijani and with Russian, document by document, paragraph boundaries
   and termbase concepts as anchors (:mod:`ahenk.align`), and join both through the English
   pivot into multilingual units;
4. write ``tmx/en-az.tmx``, ``tmx/en-ru.tmx`` and ``tmx/en-az-ru.tmx``; each unit carries its
   document id, bead kind and alignment confidence as props, the header the aligner's and the
   segmenter's signatures;
5. export the termbase: TBX (TBX-Basic 2008, which CAT tools import), TBX v3, CSV, and OmegaT
   glossaries for en-az and en-ru, under ``glossaries/export/``;
6. run the checks on the built memories against the termbase.

Builds are reproducible: documents in manifest order, no clock — a unit's creationdate is its
document's date from the manifest, the header's is ``SOURCE_DATE_EPOCH`` when set, else the
newest document date — so rebuilding yields byte-identical files (a test holds ``tmx/`` to it).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ahenk.align import AnchorAligner
from ahenk.align.model import Alignment
from ahenk.align.pivot import MultiAlignment, join
from ahenk.corpus import Corpus, Document, TextStats, corpus_stats, load_corpus, validate_corpus
from ahenk.diagnostics import Problem, Severity
from ahenk.formats import registry
from ahenk.glossary import TermbaseStats, load_termbase, termbase_stats
from ahenk.model import Header, LanguageTag, Segment, Store, Unit
from ahenk.segment import segment_file
from ahenk.termbase.model import Termbase
from ahenk.termbase.validate import validate_termbase

#: Output names, relative to the TMX folder and the export folder.
PAIRS = (("en", "az"), ("en", "ru"))
EXPORTS = (
    ("termbase.tbx", "tbx", {}),
    ("termbase.tbx3.tbx", "tbx-v3", {}),
    ("termbase.csv", "termbase-csv", {}),
    ("omegat/en-az.utf8", "omegat-glossary", {"src_lang": "en", "tgt_lang": "az"}),
    ("omegat/en-ru.utf8", "omegat-glossary", {"src_lang": "en", "tgt_lang": "ru"}),
)

Progress = Callable[[str], None]


@dataclass
class DocumentAlignment:
    document: Document
    alignments: dict[str, Alignment]  # target language -> alignment with English
    multi: MultiAlignment


@dataclass
class BuildResult:
    corpus: Corpus
    termbase: Termbase
    corpus_problems: list[Problem] = field(default_factory=list)
    termbase_problems: list[Problem] = field(default_factory=list)
    corpus_stats: dict[str, TextStats] = field(default_factory=dict)
    termbase_stats: TermbaseStats | None = None
    aligned: list[DocumentAlignment] = field(default_factory=list)
    written: list[tuple[Path, int]] = field(default_factory=list)  # (file, units or concepts)
    report: object | None = None  # ahenk.check.Report of the built memories

    @property
    def problems(self) -> list[Problem]:
        return self.corpus_problems + self.termbase_problems

    @property
    def blocked(self) -> bool:
        """Input errors stop the build before anything is written."""
        return any(p.severity is Severity.ERROR for p in self.problems)


def tmx_date(date: str) -> str:
    """A manifest date (YYYY-MM-DD or YYYY-MM) as a TMX date: YYYYMMDDThhmmssZ."""
    parts = [int(x) for x in date.split("-")] + [1]
    return dt.date(parts[0], parts[1], parts[2]).strftime("%Y%m%dT000000Z")


def header_date(corpus: Corpus) -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC)
        return moment.strftime("%Y%m%dT%H%M%SZ")
    return max(tmx_date(doc.date) for doc in corpus.documents)


def align_document(corpus: Corpus, doc: Document, aligner: AnchorAligner) -> DocumentAlignment:
    """Segment the document in every language and align each target with English."""
    source = corpus.source_language.language
    segmented = {}
    for lang in [source] + [t.language for t in corpus.target_languages]:
        found = segment_file(doc.path(corpus.root, lang), lang)
        segmented[lang] = ([s.text for s in found.segments], [s.paragraph for s in found.segments])
    alignments = {}
    for lang in [t.language for t in corpus.target_languages]:
        alignments[lang] = aligner.align(segmented[source][0], segmented[lang][0], source, lang,
                                         src_paragraphs=segmented[source][1],
                                         tgt_paragraphs=segmented[lang][1])
    ordered = list(alignments.values())
    return DocumentAlignment(doc, alignments, MultiAlignment(ordered[0], ordered, join(ordered)))


def _unit(doc: Document, number: int, source: Segment, targets: list[Segment],
          kind: str | None, confidence: float) -> Unit:
    props = [("x-document", doc.id)]
    if kind is not None:
        props.append(("x-align-bead", kind))
    props.append(("x-align-confidence", f"{confidence:.3f}"))
    return Unit(source, targets, id=f"{doc.id}:{number}", props=props,
                attrs={"creationdate": tmx_date(doc.date), "creationid": "ahenk"})


def pair_store(corpus: Corpus, aligned: Sequence[DocumentAlignment], tgt: str,
               signature: str) -> Store:
    src = corpus.source_language
    tgt_tag = LanguageTag.parse(tgt)
    store = Store(header=_header(corpus, src, [tgt_tag], signature))
    for entry in aligned:
        alignment = entry.alignments[tgt]
        for k, bead in enumerate(alignment.beads, 1):
            if bead.is_insertion_or_deletion:
                continue
            src_text, tgt_text = alignment.texts(bead)
            store.add(_unit(entry.document, k, Segment(src_text, src), [Segment(tgt_text, tgt_tag)],
                            bead.kind, bead.confidence))
    return store


def multilingual_store(corpus: Corpus, aligned: Sequence[DocumentAlignment],
                       signature: str) -> Store:
    src = corpus.source_language
    targets = list(corpus.target_languages)
    store = Store(header=_header(corpus, src, targets, signature))
    for entry in aligned:
        multi = entry.multi
        for k, bead in enumerate(multi.units, 1):
            if not bead.indices.get(src.language):
                continue
            segs = [Segment(multi.text(bead, t.language), t) for t in targets
                    if bead.indices.get(t.language)]
            if len(segs) != len(targets):
                continue  # a multilingual unit needs every language
            store.add(_unit(entry.document, k, Segment(multi.text(bead, src.language), src),
                            segs, None, bead.confidence))
    return store


def _header(corpus: Corpus, src: LanguageTag, targets: list[LanguageTag],
            signature: str) -> Header:
    from ahenk.segment import get_segmenter

    return Header(source_lang=src, target_langs=targets, tool="ahenk",
                  props=[("x-align-signature", signature),
                         ("x-segment-signature", str(get_segmenter().signature())),
                         ("x-corpus", corpus.title)],
                  attrs={"creationdate": header_date(corpus), "segtype": "sentence",
                         "o-tmf": "ahenk", "datatype": "plaintext"})


def write_memories(corpus: Corpus, aligned: Sequence[DocumentAlignment], out_dir: Path,
                   signature: str, profile: str = "generic") -> list[tuple[Path, int]]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    src = corpus.source_language.language
    for tgt in [t.language for t in corpus.target_languages]:
        store = pair_store(corpus, aligned, tgt, signature)
        path = out_dir / f"{src}-{tgt}.tmx"
        registry.write(store, path, "tmx", profile=profile)
        written.append((path, len(store)))
    store = multilingual_store(corpus, aligned, signature)
    langs = "-".join([src] + [t.language for t in corpus.target_languages])
    path = out_dir / f"{langs}.tmx"
    registry.write(store, path, "tmx", profile=profile)
    written.append((path, len(store)))
    return written


def export_termbase(termbase: Termbase, export_dir: Path) -> list[tuple[Path, int]]:
    written = []
    for name, fmt, options in EXPORTS:
        path = export_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        registry.write(termbase, path, fmt, **options)
        written.append((path, len(termbase)))
    return written


def build(corpus_dir: str | Path = "corpus",
          glossary: str | Path = Path("glossaries") / "termbase.tsv",
          tmx_dir: str | Path | None = "tmx",
          export_dir: str | Path | None = Path("glossaries") / "export",
          profile: str = "generic", check: bool = True,
          progress: Progress | None = None) -> BuildResult:
    """Run the main job; with ``tmx_dir=None`` only validate and count (nothing written)."""
    say = progress or (lambda _step: None)
    corpus = load_corpus(corpus_dir)
    termbase = load_termbase(glossary)
    languages = [tag.language for tag in corpus.languages]
    result = BuildResult(
        corpus=corpus,
        termbase=termbase,
        corpus_problems=validate_corpus(corpus),
        termbase_problems=validate_termbase(termbase, languages),
        corpus_stats=corpus_stats(corpus),
        termbase_stats=termbase_stats(termbase),
    )
    if result.blocked or tmx_dir is None:
        return result
    aligner = AnchorAligner(termbase=termbase)
    for doc in corpus.documents:
        say(f"align {doc.id}")
        result.aligned.append(align_document(corpus, doc, aligner))
    signature = str(aligner.signature())
    say("write memories")
    result.written.extend(write_memories(corpus, result.aligned, Path(tmx_dir), signature,
                                         profile))
    if export_dir is not None:
        say("export termbase")
        result.written.extend(export_termbase(termbase, Path(export_dir)))
    if check:
        from ahenk.check.runner import check_paths

        say("check memories")
        pair_files = [path for path, _ in result.written[: len(PAIRS)]]
        result.report = check_paths(pair_files, glossary=termbase)
    return result
