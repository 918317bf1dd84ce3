"""Generate large course packages for the benchmarks."""

from __future__ import annotations

from pathlib import Path

LANGUAGES = ("en", "fr", "es")

BODY = """\
## Why it matters {n}

Members of a cooperative own it together and decide together. Lesson {n} looks at
how that works in practice, with **examples** from several regions.

- One member, one vote.
- Surpluses shared by use, not by capital.
- Education and training for members.

| Region | Example | Members |
|---|---|---|
| Africa | Savings group | {n} |
| Asia | Dairy cooperative | {m} |

::: activity Talk it over (15 minutes)
In small groups, list three decisions your group took together last year.
:::

A footnote gives the source.[^1] See also [the next lesson]({next}).

[^1]: A statement of principles agreed by cooperatives.
"""


def write_large_package(root: Path, lessons: int = 1000, modules: int = 200) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "course.yaml").write_text(
        'id: big-course\nversion: "1"\ndefault_language: en\nlanguages: [en, fr, es]\n'
        "title: {en: Big course, fr: Grand cours, es: Curso grande}\n",
        encoding="utf-8",
    )
    per_module = lessons // modules
    for m in range(1, modules + 1):
        folder = root / f"{m:03d}-module-{m}"
        folder.mkdir(exist_ok=True)
        (folder / "module.yaml").write_text(
            f"title: {{en: Module {m}, fr: Module {m}, es: Módulo {m}}}\n", encoding="utf-8"
        )
        for i in range(1, per_module + 1):
            n = (m - 1) * per_module + i
            following = (
                f"{i + 1:03d}-lesson-{n + 1}.en.md"
                if i < per_module
                else f"{i:03d}-lesson-{n}.en.md"
            )
            for language in LANGUAGES:
                body = BODY.format(n=n, m=n * 3, next=following)
                text = f"---\ntitle: Lesson {n} ({language})\nduration_minutes: 10\n---\n{body}"
                (folder / f"{i:03d}-lesson-{n}.{language}.md").write_text(text, encoding="utf-8")
    return root
