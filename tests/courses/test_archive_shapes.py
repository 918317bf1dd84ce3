"""Zips as Windows and macOS make them unpack into a package the checker passes.

A bundled course is zipped the way each tool writes it (a top folder, what
the file manager adds, names in a code page or decomposed), with one asset
whose name has accents, and the unpacked folder is checked in full.
"""

from __future__ import annotations

import io
import tempfile
import unicodedata
from pathlib import Path

import pytest

from academy.config import from_environment
from academy.courses.building import check_package
from academy.courses.uploads import archive_limits
from academy.packagefiles.archives import (
    ArchiveError,
    ArchiveLimits,
    extract_package,
    extracted_package,
)
from academy.packagefiles.filetypes import source_file_message
from academy.packagefiles.problems import WARNING, Problem
from tests.courses.packages import COURSE_YAML, MODULE_YAML, lesson
from tests.courses.zipcraft import (
    DOS_FILE,
    FILE_MODE,
    FOLDER_MODE,
    UTF8,
    Member,
    build_zip,
    folder_members,
    unicode_path_extra,
)

COURSE = Path(__file__).resolve().parents[2] / "courses" / "sse-introduction"
ACCENTED = "assets/Résumé-été.txt"  # NFC, as a lesson's link would type it
MB = 1024 * 1024
ARABIC_PATH = unicode_path_extra(b"assets/?.txt", "assets/ب.txt")


def course_files() -> list[str]:
    return [p.relative_to(COURSE).as_posix() for p in COURSE.rglob("*") if p.is_file()]


def check_errors(root: Path) -> list[str]:
    _built, problems = check_package(root)
    return [str(problem) for problem in problems.errors]


def unpacked(tmp_path: Path, data: bytes):
    destination = tmp_path / "upload"
    destination.mkdir()
    return extract_package(data, destination, ArchiveLimits())


def test_a_zip_from_windows_explorer(tmp_path):
    """A top folder, folder entries, names in cp437 without the UTF-8 flag, Thumbs.db."""
    members = folder_members(COURSE, "sse-introduction", dos_attributes=DOS_FILE)
    accented = ("sse-introduction/" + ACCENTED).encode("cp437")
    members += [
        Member(accented, b"notes\n", dos_attributes=DOS_FILE),
        Member("sse-introduction/Thumbs.db", b"\xd0\xcf\x11\xe0", dos_attributes=DOS_FILE),
        Member("sse-introduction/assets/desktop.ini", b"[.ShellClassInfo]", dos_attributes=0x26),
    ]
    extracted = unpacked(tmp_path, build_zip(members))
    assert extracted.root == (tmp_path / "upload" / "sse-introduction").resolve()
    assert sorted(extracted.files) == sorted([*course_files(), ACCENTED])
    assert (extracted.root / ACCENTED).read_bytes() == b"notes\n"
    assert check_errors(extracted.root) == []


def test_a_zip_from_a_windows_tool_writing_backslashes(tmp_path):
    members = folder_members(COURSE, "sse-introduction", "\\", dos_attributes=DOS_FILE)
    extracted = unpacked(tmp_path, build_zip(members))
    assert extracted.root == (tmp_path / "upload" / "sse-introduction").resolve()
    assert sorted(extracted.files) == sorted(course_files())
    assert check_errors(extracted.root) == []


def test_a_zip_from_macos_archive_utility(tmp_path):
    """NFD UTF-8 names without the flag, __MACOSX/ forks, ._ files, .DS_Store."""
    members = folder_members(COURSE, "sse-introduction", mode=FILE_MODE)
    decomposed = unicodedata.normalize("NFD", "sse-introduction/" + ACCENTED)
    members += [
        Member(decomposed.encode(), b"notes\n", mode=FILE_MODE),
        Member("sse-introduction/.DS_Store", b"\0\0\0\1Bud1", mode=FILE_MODE),
        Member("sse-introduction/assets/._logo.svg", b"\0\5\26\7", mode=FILE_MODE),
        Member("__MACOSX/", mode=FOLDER_MODE),
        Member("__MACOSX/sse-introduction/._course.yaml", b"\0\5\26\7", mode=FILE_MODE),
        Member("__MACOSX/sse-introduction/assets/._Résumé.zip", b"PK\3\4", mode=FILE_MODE),
    ]
    extracted = unpacked(tmp_path, build_zip(members))
    assert extracted.root == (tmp_path / "upload" / "sse-introduction").resolve()
    assert sorted(extracted.files) == sorted([*course_files(), ACCENTED])
    assert (extracted.root / ACCENTED).read_bytes() == b"notes\n"
    assert not (tmp_path / "upload" / "__MACOSX").exists()
    assert not (extracted.root / ".DS_Store").exists()
    assert check_errors(extracted.root) == []


def small_course(*extra: Member) -> bytes:
    return build_zip(
        [
            Member("course.yaml", COURSE_YAML.encode()),
            Member("01-start/module.yaml", MODULE_YAML.encode()),
            Member("01-start/01-hello.en.md", lesson("Hello").encode()),
            *extra,
        ]
    )


def test_a_zip_made_inside_the_folder_has_the_destination_as_root(tmp_path):
    extracted = unpacked(tmp_path, small_course(Member("README.md", b"# Notes\n")))
    assert extracted.root == (tmp_path / "upload").resolve()
    assert extracted.files == [
        "course.yaml",
        "01-start/module.yaml",
        "01-start/01-hello.en.md",
        "README.md",
    ]


@pytest.mark.parametrize(
    ("member", "name"),
    [
        (Member("assets/caf\u00e9.txt".encode("cp437"), b"x"), "assets/café.txt"),
        (Member("assets/caf\u00e9.txt", b"x", flags=UTF8), "assets/café.txt"),
        (Member("assets/Ελλάδα.txt", b"x"), "assets/Ελλάδα.txt"),  # UTF-8, no flag
        (Member(b"assets/?.txt", b"x", extra=ARABIC_PATH), "assets/ب.txt"),
        # A Unicode path left from before a rename is not believed.
        (Member(b"assets/a.txt", b"x", extra=ARABIC_PATH), "assets/a.txt"),
    ],
    ids=["cp437", "utf8-flag", "utf8-no-flag", "unicode-path", "stale-unicode-path"],
)
def test_names_are_decoded_as_their_tool_meant(tmp_path, member, name):
    extracted = unpacked(tmp_path, small_course(member))
    assert extracted.files[-1] == name
    assert (extracted.root / name).read_bytes() == b"x"


def test_editing_programs_sources_are_left_out_with_a_note(tmp_path):
    sketch = b"PK\3\4" + b"\0" * 40  # .sketch files are zips themselves: never unpacked
    data = small_course(Member("assets/diagram.sketch", sketch), Member("assets/map.svgz", b"\37"))
    extracted = unpacked(tmp_path, data)
    assert extracted.notes == [
        Problem("assets/diagram.sketch", 1, WARNING, source_file_message(".sketch")),
        Problem("assets/map.svgz", 1, WARNING, source_file_message(".svgz")),
    ]
    assert not (extracted.root / "assets").exists()


def test_the_temporary_folder_is_removed_after_use_and_after_a_refusal(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with extracted_package(small_course()) as extracted:
        assert (extracted.root / "course.yaml").is_file()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(ArchiveError), extracted_package(small_course(Member("../x.md", b"x"))):
        pass
    assert list(tmp_path.iterdir()) == []


def test_limits_come_from_the_settings(tmp_path, monkeypatch):
    for name, value in [
        ("PACKAGE_UPLOAD_MAX_MB", "8"),
        ("PACKAGE_MAX_ENTRIES", "300"),
        ("PACKAGE_MAX_MB", "40"),
        ("PACKAGE_MAX_FILE_MB", "6"),
        ("PACKAGE_MAX_RATIO", "50"),
    ]:
        monkeypatch.setenv(f"ACADEMY_{name}", value)
    assert archive_limits(from_environment(tmp_path)) == ArchiveLimits(
        max_archive_bytes=8 * MB,
        max_entries=300,
        max_total_bytes=40 * MB,
        max_file_bytes=6 * MB,
        max_ratio=50,
    )


def test_default_limits(tmp_path, monkeypatch):
    for name in ["UPLOAD_MAX_MB", "MAX_ENTRIES", "MAX_MB", "MAX_FILE_MB", "MAX_RATIO"]:
        monkeypatch.delenv(f"ACADEMY_PACKAGE_{name}", raising=False)
    assert archive_limits(from_environment(tmp_path)) == ArchiveLimits(
        max_archive_bytes=50 * MB,
        max_entries=2000,
        max_total_bytes=100 * MB,
        max_file_bytes=20 * MB,
        max_ratio=100,
    )


class Unseekable(io.RawIOBase):
    """A request body read as it arrives."""

    def __init__(self, data: bytes):
        self.source = io.BytesIO(data)

    def readable(self):
        return True

    def readinto(self, buffer):
        return self.source.readinto(buffer)


@pytest.mark.parametrize("wrap", [io.BytesIO, Unseekable], ids=["file", "stream"])
def test_an_upload_may_be_a_file_or_a_stream(tmp_path, wrap):
    extracted = unpacked(tmp_path, wrap(small_course()))
    assert extracted.files == ["course.yaml", "01-start/module.yaml", "01-start/01-hello.en.md"]


def test_a_stream_larger_than_an_upload_may_be_is_refused_after_reading_just_past_it(tmp_path):
    stream = Unseekable(small_course() + b"\0" * MB)
    with pytest.raises(ArchiveError) as caught:
        extract_package(stream, tmp_path, ArchiveLimits(max_archive_bytes=MB // 2))
    assert caught.value.message == (
        "The file is larger than 0.5 MB, the most an uploaded package may be."
    )
    assert stream.source.tell() == MB // 2 + 1


def test_the_apps_limits_are_its_settings(make_app):
    app = make_app(PACKAGE_MAX_ENTRIES=12, PACKAGE_MAX_RATIO=7)
    with app.app_context():
        limits = archive_limits()
    assert (limits.max_entries, limits.max_ratio) == (12, 7)
    assert limits.max_total_bytes == app.config["PACKAGE_MAX_BYTES"] == 100 * MB
