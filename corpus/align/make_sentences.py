"""Regenerate the sentence files the alignment gold refers to.

    .venv/bin/python corpus/align/make_sentences.py           # (re)write the sentence files
    .venv/bin/python corpus/align/make_sentences.py --check   # exit 1 if any file is stale

For every document in ``corpus/manifest.toml`` and every corpus language, the file
``corpus/<lang>/<doc-id>.txt`` is segmented with ``ahenk.segment.segment_file`` (shipped rules,
one paragraph per line) and the segments are written one per line to
``corpus/align/<doc-id>.<lang>.sentences.txt``. These files fix the sentence numbering of the
hand-checked gold ``corpus/align/<doc-id>.en-<lang>.gold`` (vecalign format). If they change,
the gold must be re-checked by hand (see ``corpus/align/README.md``).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent
ROOT = CORPUS.parent
sys.path.insert(0, str(ROOT / "src"))

from ahenk.segment import segment_file  # noqa: E402

REGENERATE = "python corpus/align/make_sentences.py"


def manifest() -> dict:
    return tomllib.loads((CORPUS / "manifest.toml").read_text("utf-8"))


def documents() -> list[str]:
    return [doc["id"] for doc in manifest()["document"]]


def languages() -> list[str]:
    return list(manifest()["corpus"]["languages"])


def sentence_path(doc_id: str, lang: str) -> Path:
    return HERE / f"{doc_id}.{lang}.sentences.txt"


def gold_path(doc_id: str, lang: str) -> Path:
    return HERE / f"{doc_id}.en-{lang}.gold"


def segments(doc_id: str, lang: str):
    """The segmenter's output for one document, and the signature that produced it."""
    result = segment_file(CORPUS / lang / f"{doc_id}.txt", lang)
    for seg in result.segments:
        # each corpus line is a paragraph, so no segment may span a line break
        if "\n" in seg.text or "\r" in seg.text or not seg.text.strip():
            raise ValueError(f"{doc_id}.{lang}: bad segment at line {seg.line}: {seg.text!r}")
    return result.segments, result.signature


def sentences_text(doc_id: str, lang: str) -> str:
    segs, _ = segments(doc_id, lang)
    return "".join(seg.text + "\n" for seg in segs)


def signature() -> str:
    doc, lang = documents()[0], languages()[0]
    return str(segments(doc, lang)[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale files")
    args = parser.parse_args(argv)
    stale = []
    for doc_id in documents():
        for lang in languages():
            path = sentence_path(doc_id, lang)
            text = sentences_text(doc_id, lang)
            current = path.read_text("utf-8") if path.is_file() else None
            if current == text:
                continue
            stale.append(path)
            if not args.check:
                path.write_text(text, "utf-8", newline="\n")
    verb = "stale" if args.check else "written"
    for path in stale:
        print(f"{verb}: {path.relative_to(ROOT)}")
    print(f"segmenter: {signature()}")
    if stale and not args.check:
        print("sentence numbering changed: re-check the gold by hand (corpus/align/README.md)")
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
