"""The notes the code relies on are in the repository: no pointer leads outside it."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
METHODS = REPO / "sysmap" / "analysis" / "methods.md"
OUTSIDE = re.compile(r"ANALYSIS\.md|PERFORMANCE\.md|FORMAT\.md|ARCHITECTURE\.md|UX\.md|/work/")


def _texts() -> dict[Path, str]:
    paths = [*REPO.joinpath("sysmap").rglob("*.py"), *REPO.joinpath("tests").rglob("*.py")]
    paths.append(REPO / "README.md")
    return {p: p.read_text(encoding="utf-8") for p in paths if p != Path(__file__).resolve()}


def test_no_code_cites_a_note_outside_the_repository() -> None:
    found = [
        f"{path.relative_to(REPO)}:{text.count(chr(10), 0, m.start()) + 1}: {m.group()}"
        for path, text in _texts().items()
        for m in OUTSIDE.finditer(text)
    ]
    assert not found, "\n".join(found)


def test_every_methods_section_cited_exists() -> None:
    sections = set(re.findall(r"^## §(\d+)", METHODS.read_text(encoding="utf-8"), re.MULTILINE))
    assert sections == {str(n) for n in range(1, 8)}
    cited = {
        (path.relative_to(REPO), number)
        for path, text in _texts().items()
        for number in re.findall(r"methods\.md §(\d+)", text)
    }
    assert cited, "the analysis cites its methods page"
    missing = sorted(f"{path} cites §{n}" for path, n in cited if n not in sections)
    assert not missing


def test_the_readme_links_the_methods_page() -> None:
    assert "(sysmap/analysis/methods.md)" in (REPO / "README.md").read_text(encoding="utf-8")


def test_every_long_module_says_why_it_is_one_piece() -> None:
    # Modules stay under about 400 lines; a longer one says in its docstring why it is one
    # piece (and what would split it), so the next engineer knows it was a choice.
    long = []
    for path in sorted(REPO.joinpath("sysmap").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        if text.count("\n") > 400:
            docstring = text.split('"""')[1] if text.startswith('"""') else ""
            if "One piece" not in docstring:
                long.append(f"{path.relative_to(REPO)}: {text.count(chr(10))} lines")
    assert not long, "\n".join(long)
