"""Shared fixtures: paths to ../shared and a small corpus written by the tests themselves."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SMALL_DOCS = {
    "henan-a": """---
title: Henan sets out its plan
date: 2024-03-05
source: test
---
Zhang Weiguo, Party secretary of Zhengzhou, said the city will grow. Luoyang Bearing Group Co., Ltd. (hereinafter referred to as "Luoyang Bearing") is based in Luoyang.
Zhang said Luoyang Bearing will build a new plant.
""",
    "henan-b": """Li Hongmei, general manager of Henan Zhongyuan Copper Group, said the firm is based in Xinxiang.
The Henan Zhongyuan Copper Group Research Institute opened in 2023.
""",
}


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    """A folder with two short articles written for the tests."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in SMALL_DOCS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


SCORE_TABLES: list[str] = []


def pytest_terminal_summary(terminalreporter):
    """Print the extraction scores on the development gold at the end of the run."""
    for table in SCORE_TABLES:
        terminalreporter.write_sep("=", "extraction on ../shared/eval/gold")
        terminalreporter.write_line(table.rstrip())
