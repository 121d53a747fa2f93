"""docs/cli.md is generated from the commands; it must not go stale."""

from pathlib import Path

from ahenk.cli.reference import cli_reference

DOC = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def test_cli_reference_is_current():
    expected = cli_reference()
    assert DOC.read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run `make docs` (python -m ahenk.cli.reference > docs/cli.md)"
    )


def test_every_command_has_help():
    text = cli_reference()
    for block in text.split("```text")[1:]:
        usage, _, rest = block.partition("\n\n")
        assert rest.strip(), f"a command without help text: {usage.strip()}"
