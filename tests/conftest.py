"""Shared fixtures: the project's own data, built once per session, and small fixture datasets."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from graph.build import build, build_outputs

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def built():
    """The build of data/ (in memory): dataset, projection, records."""
    return build([DATA])


@pytest.fixture(scope="session")
def built_out(tmp_path_factory):
    """data/ built and written to a temporary out/ directory."""
    out = tmp_path_factory.mktemp("out")
    build_outputs([DATA], out)
    return out


@pytest.fixture
def minimal(tmp_path):
    """A copy of the minimal fixture dataset that a test may change."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURES / "minimal", target)
    return target
