"""Reading inputs: front matter, JSON Lines, folders, and clear errors for bad input."""
from __future__ import annotations

import json

import pytest

from kg.documents import load_paths, parse_date, parse_text
from kg.errors import InputError


def test_front_matter_sets_title_date_source_and_is_removed_from_text():
    doc = parse_text("a", "---\ntitle: T\ndate: 2024-03-05\nsource: Example Daily\n---\nBody text.\n")
    assert (doc.title, doc.date, doc.source, doc.text) == ("T", "2024-03-05", "Example Daily", "Body text.\n")


def test_document_id_is_the_file_name_without_extension(small_corpus):
    ids = [d.id for d in load_paths([small_corpus])]
    assert ids == ["henan-a", "henan-b"]


def test_a_date_line_at_the_top_of_a_scraped_page_is_used():
    assert parse_text("a", "Example News\nTime: 03 05,2024  Source: X\n\nShanxi grew.").date == "2024-03-05"
    assert parse_text("a", "Shanxi grew in 2024.").date is None


@pytest.mark.parametrize("text,iso", [("2023-04-04", "2023-04-04"), ("April 4, 2023", "2023-04-04"),
                                      ("4 Apr 2023", "2023-04-04"), ("2023-02-30", None), ("soon", None)])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_jsonl_records_become_documents(tmp_path):
    f = tmp_path / "batch.jsonl"
    f.write_text(json.dumps({"id": "r1", "text": "Shanxi grew.", "date": "2024-01-02"}) + "\n\n"
                 + json.dumps({"id": "r2", "text": "Henan grew.", "title": "H"}) + "\n", encoding="utf-8")
    docs = load_paths([f])
    assert [(d.id, d.date, d.title) for d in docs] == [("r1", "2024-01-02", None), ("r2", None, "H")]


def _error(path) -> str:
    with pytest.raises(InputError) as e:
        load_paths([path])
    return str(e.value)


def test_empty_file_is_refused_by_name(tmp_path):
    f = tmp_path / "empty.txt"
    f.write_text("  \n")
    assert _error(f) == f"{f}: empty file"


def test_binary_file_is_refused_by_name(tmp_path):
    f = tmp_path / "image.txt"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    msg = _error(f)
    assert msg.startswith(str(f)) and "binary" in msg


def test_a_cp1252_file_is_decoded_not_refused(tmp_path):
    f = tmp_path / "western.txt"
    f.write_bytes("Caf\u00e9 \u201cowners\u201d in Taiyuan \u2013 a survey".encode("cp1252"))
    assert load_paths([f])[0].text == "Caf\u00e9 \u201cowners\u201d in Taiyuan \u2013 a survey"


def test_a_folder_without_text_files_is_refused(tmp_path):
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert _error(tmp_path) == f"{tmp_path / 'notes.pdf'}: unsupported file type .pdf; expected .htm, .html, " \
                               ".jsonl, .md, .txt, .xhtml or no suffix"


def test_missing_path_and_unsupported_type(tmp_path):
    assert _error(tmp_path / "nope") == f"{tmp_path / 'nope'}: no such file or folder"
    f = tmp_path / "a.docx"
    f.write_text("x")
    assert "unsupported file type .docx" in _error(f)


def test_broken_jsonl_line_is_named_with_its_line_number(tmp_path):
    f = tmp_path / "b.jsonl"
    f.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": \n', encoding="utf-8")
    assert _error(f).startswith(f"{f}:2: not valid JSON")


def test_bad_front_matter_date_is_refused(tmp_path):
    f = tmp_path / "d.md"
    f.write_text("---\ndate: next week\n---\nText.\n")
    assert "front matter date 'next week' is not a date" in _error(f)


def test_two_documents_with_one_id_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.txt").write_text("One.")
    (tmp_path / "b" / "x.md").write_text("Two.")
    assert "document id 'x' is also used by" in _error(tmp_path)
