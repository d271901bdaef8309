"""Every notebook runs top to bottom against the current library, and checks what it shows."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import nbclient  # noqa: E402
import nbformat  # noqa: E402

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
#: Each notebook and strings its output must hold (its own cells assert the answers too).
EXPECTED = {
    "01-quickstart.ipynb": ("GPT-3", "InstructGPT", "OpenAI", "entities", "named graphs"),
    "02-sparql-cookbook.ipynb": ("named queries", "kg:meta", "kg:survey-ai-ecosystem"),
    "03-network-analysis.ipynb": ("most central by PageRank", "student of", "20000 nodes"),
    "04-timeline.ipynb": ("releases", "0 overlapping", "fonts:"),
}
KERNEL = "python3"


def _kernel_manager(tmp_path: Path):
    """A kernel manager for ``python3``; installs ipykernel's spec into tmp_path if none is found.

    jupyter_client normally falls back to ipykernel's built-in ``python3`` spec for
    the running interpreter, so the install is only a safety net.
    """
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel
    from jupyter_client.manager import KernelManager

    ksm = KernelSpecManager()
    try:
        ksm.get_kernel_spec(KERNEL)
    except NoSuchKernel:
        from ipykernel.kernelspec import install

        prefix = tmp_path / "jupyter-prefix"
        install(kernel_name=KERNEL, prefix=str(prefix))
        ksm = KernelSpecManager(kernel_dirs=[str(prefix / "share" / "jupyter" / "kernels")])
    return KernelManager(kernel_name=KERNEL, kernel_spec_manager=ksm)


def _output_text(nb) -> str:
    """Stream text and plain-text results of every code cell, joined."""
    parts = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type in ("execute_result", "display_data"):
                parts.append(out.get("data", {}).get("text/plain", ""))
    return "\n".join(parts)


#: What a warning looks like in a cell's output: ``UserWarning: ...``, ``DeprecationWarning``, ``WARNING``.
WARNING = re.compile(r"\b[A-Z]\w*Warning\b|\bWARNING\b|warnings\.warn")


def _warnings(nb) -> list[str]:
    """Every output of a code cell that is, or holds, a warning: all of stderr, and warnings printed elsewhere."""
    found = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                text = out.text
                if out.name == "stderr" and text.strip():
                    found.append(f"{cell.get('id')}: stderr: {text.strip()}")
                    continue
            elif out.output_type in ("execute_result", "display_data"):
                text = out.get("data", {}).get("text/plain", "")
            else:
                continue
            if WARNING.search(text):
                found.append(f"{cell.get('id')}: {text.strip()}")
    return found


def test_the_warning_check_sees_a_warning():
    cell = nbformat.v4.new_code_cell("import warnings; warnings.warn('x')", id="w")
    cell.outputs = [nbformat.v4.new_output("stream", name="stderr", text="<stdin>:1: UserWarning: x\n")]
    nb = nbformat.v4.new_notebook(cells=[cell])
    assert _warnings(nb) == ["w: stderr: <stdin>:1: UserWarning: x"]
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="FutureWarning: y\n")]
    assert _warnings(nb) == ["w: FutureWarning: y"]
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="76 entities\n")]
    assert _warnings(nb) == []


def test_every_notebook_is_tested():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_notebook_runs_top_to_bottom(tmp_path, name):
    NOTEBOOK = NOTEBOOKS / name
    source = NOTEBOOK.read_text(encoding="utf-8")
    nb = nbformat.reads(source, as_version=4)

    # The stored notebook is clean: no outputs, no execution counts.
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, "notebook has stored outputs"

    # The kernel can import the project from the checkout even without an editable install.
    root = str(NOTEBOOK.parent.parent)
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)

    client = nbclient.NotebookClient(
        nb,
        km=_kernel_manager(tmp_path),
        kernel_name=KERNEL,
        timeout=120,
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    try:
        client.execute(env=env)
    except nbclient.exceptions.CellExecutionError as exc:  # pragma: no cover - failure path
        pytest.fail(f"notebook cell failed:\n{exc}")
    finally:
        # Keep the executed copy for inspection; the source file is never touched.
        nbformat.write(nb, tmp_path / NOTEBOOK.name)

    assert NOTEBOOK.read_text(encoding="utf-8") == source

    errors = [out for cell in nb.cells if cell.cell_type == "code"
              for out in cell.get("outputs", []) if out.output_type == "error"]
    assert not errors, errors
    warned = _warnings(nb)
    assert not warned, "a cell warns (fix the cause, do not filter it):\n" + "\n".join(warned)
    assert all(c.execution_count is not None for c in nb.cells if c.cell_type == "code")

    text = _output_text(nb)
    for expected in EXPECTED[name]:
        assert expected in text, f"{expected!r} not in the notebook's output"
