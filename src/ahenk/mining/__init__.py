"""Term mining: source-term candidates, their translations in aligned memories, a draft termbase.

``extract_terms`` is the library function behind ``ahenk glossary extract``; see
:mod:`ahenk.mining.extract` for the ranking and for how "proposed" is written.
"""

from ahenk.mining.extract import PROPOSED, MinedTerm, MiningResult, extract_terms, is_proposed

__all__ = ["PROPOSED", "MinedTerm", "MiningResult", "extract_terms", "is_proposed"]
