"""Crafted archives are refused with a message naming the entry, and write nothing anywhere.

Every refusal is checked on the file system: the folder around the
destination is listed before and after, so a file written outside it (or
left half-written inside it) fails the test.
"""

from __future__ import annotations

import gzip
import io
import stat
import tarfile
import zipfile
from pathlib import Path

import pytest

from academy.packagefiles.archives import ArchiveError, ArchiveLimits, extract_package
from tests.courses.packages import COURSE_YAML, MODULE_YAML, lesson
from tests.courses.zipcraft import (
    DEFLATE64,
    ENCRYPTED,
    STORED,
    UTF8,
    Member,
    build_zip,
)
from tests.i18n import translated

MB = 1024 * 1024
TYPES = ".csv .gif .html .jpeg .jpg .m4a .md .mp3 .ogg .pdf .png .svg .txt .webp .yaml"


def course(*extra: Member) -> bytes:
    """A small valid package with extra members after its own files."""
    return build_zip([*course_members(), *extra])


def course_members() -> list[Member]:
    return [
        Member("course.yaml", COURSE_YAML.encode()),
        Member("01-start/module.yaml", MODULE_YAML.encode()),
        Member("01-start/01-hello.en.md", lesson("Hello").encode()),
    ]


def listing(folder: Path) -> list[tuple[str, int]]:
    return sorted(
        (path.relative_to(folder).as_posix(), path.lstat().st_size) for path in folder.rglob("*")
    )


def refusal(tmp_path: Path, data: bytes, limits: ArchiveLimits | None = None) -> str:
    """The message extraction into tmp_path/area/package refuses data with.

    The destination sits two folders down, so that '..' and absolute names
    aimed at tmp_path or tmp_path/area would be seen in the listing.
    """
    destination = tmp_path / "area" / "package"
    destination.mkdir(parents=True)
    before = listing(tmp_path)
    with pytest.raises(ArchiveError) as caught:
        extract_package(data, destination, limits)
    assert listing(tmp_path) == before
    return caught.value.message


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../evil.md", "'../evil.md' goes up a folder with '..'"),
        ("a/../../evil.md", "'a/../../evil.md' goes up a folder with '..'"),
        ("..\\..\\evil.md", "'..\\..\\evil.md' goes up a folder with '..'"),
        ("/etc/evil.md", "'/etc/evil.md' is an absolute path"),
        ("C:\\evil.md", "'C:\\evil.md' is an absolute path"),
        ("c:evil.md", "'c:evil.md' is an absolute path"),
    ],
)
def test_names_leading_out_of_the_package_are_refused(tmp_path, name, message):
    inside = "every name must be inside the package folder."
    assert refusal(tmp_path, course(Member(name, b"# evil\n"))) == f"{message}; {inside}"


def test_an_absolute_name_aimed_at_the_folder_around_is_refused(tmp_path):
    target = f"{tmp_path}/area/evil.md"
    message = refusal(tmp_path, course(Member(target, b"# evil\n")))
    assert message == (
        f"'{target}' is an absolute path; every name must be inside the package folder."
    )
    assert not (tmp_path / "area" / "evil.md").exists()


def test_a_symbolic_link_is_refused(tmp_path):
    link = Member("01-start/02-link.en.md", b"/etc/passwd", mode=stat.S_IFLNK | 0o777)
    assert refusal(tmp_path, course(link)) == (
        "'01-start/02-link.en.md' is a symbolic link; a package may not hold links."
    )


def test_a_device_is_refused(tmp_path):
    device = Member("assets/disk.txt", mode=stat.S_IFCHR | 0o644)
    assert refusal(tmp_path, course(device)) == "'assets/disk.txt' is not a file or a folder."


def test_a_zip_bomb_by_ratio_is_refused(tmp_path):
    bomb = Member("01-start/02-big.en.md", b"a" * (2 * MB))
    assert refusal(tmp_path, course(bomb)) == (
        "'01-start/02-big.en.md' is compressed more than 100 times, as only crafted archives are."
    )


def test_a_zip_bomb_spread_over_small_files_is_refused_overall(tmp_path):
    # Each under the size from which a file's ratio counts, together far over it.
    files = [Member(f"assets/{n}.txt", b"a" * 900_000) for n in range(3)]
    assert refusal(tmp_path, course(*files)) == (
        "The archive is compressed more than 100 times, as only crafted archives are."
    )


def incompressible_texts(count: int, size: int) -> list[Member]:
    return [Member(f"assets/{n}.txt", _noise(size), method=STORED) for n in range(count)]


def _noise(size: int) -> bytes:
    return bytes((n * 7919 + n // 251 * 104729) % 256 for n in range(size))


def test_a_package_larger_than_the_total_is_refused(tmp_path):
    limits = ArchiveLimits(max_total_bytes=1 * MB)
    data = course(*incompressible_texts(3, 400_000))
    assert refusal(tmp_path, data, limits) == (
        "The archive unpacks to more than 1 MB, the most a package may hold."
    )


def test_sizes_the_headers_understate_are_not_believed(tmp_path):
    """Headers claim 1,000 bytes per file: unpacking stops there and the CRC fails."""
    members = incompressible_texts(3, 400_000)
    for member in members:
        member.declared_size = 1000
    limits = ArchiveLimits(max_total_bytes=1 * MB)
    assert refusal(tmp_path, course(*members), limits) == (
        "'assets/0.txt' is damaged and cannot be unpacked; zip the course folder again."
    )


def test_unpacked_bytes_are_counted_whatever_the_reader_returns(tmp_path, monkeypatch):
    """Should a reader give more than the headers declare, the count still stops it."""

    class Endless(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, buffer):
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    monkeypatch.setattr(zipfile.ZipFile, "open", lambda _self, _info: io.BufferedReader(Endless()))
    data = build_zip([Member("course.yaml", _noise(1000), method=STORED)])
    limits = ArchiveLimits(max_file_bytes=2 * MB, max_ratio=10**9)
    assert refusal(tmp_path, data, limits) == "'course.yaml' is larger than 2 MB once unpacked."


def test_a_file_larger_than_a_file_may_be_is_refused(tmp_path):
    data = course(*incompressible_texts(1, 1_500_000))
    assert refusal(tmp_path, data, ArchiveLimits(max_file_bytes=1 * MB)) == (
        "'assets/0.txt' is larger than 1 MB once unpacked."
    )


def test_ten_thousand_entries_are_refused_before_they_are_read(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for n in range(10_000):
            archive.writestr(f"01-start/{n}.md", b"")
    assert refusal(tmp_path, buffer.getvalue()) == (
        "The archive has 10000 entries; a package may have at most 2000."
    )


def test_an_end_record_that_understates_the_count_is_not_believed(tmp_path):
    members = [Member(f"{n}.md") for n in range(3000)]
    assert refusal(tmp_path, build_zip(members, declared_count=2000)) == (
        "The archive has 3000 entries; a package may have at most 2000."
    )
    assert refusal(tmp_path / "b", build_zip(members, declared_count=1)) == (
        "The zip archive is damaged and cannot be read; zip the course folder again."
    )


def inner_zip() -> bytes:
    return build_zip(course_members())


def inner_tar() -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        info = tarfile.TarInfo("course.yaml")
        info.size = len(COURSE_YAML)
        archive.addfile(info, io.BytesIO(COURSE_YAML.encode()))
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("assets/more.zip", inner_zip()),
        ("assets/more.tar.gz", gzip.compress(inner_tar(), mtime=0)),
        ("assets/more.7z", b"7z\xbc\xaf\x27\x1c\x00\x04"),
        ("assets/more.rar", b"Rar!\x1a\x07\x01\x00"),
        ("assets/notes.txt", inner_zip()),
        ("01-start/02-more.en.md", gzip.compress(b"# Hidden\n", mtime=0)),
        ("assets/picture.svg", inner_tar()),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_an_archive_inside_the_archive_is_refused_by_name_or_content(tmp_path, name, content):
    assert refusal(tmp_path, course(Member(name, content))) == (
        f"'{name}' is an archive inside the archive; put its files in the package instead."
    )


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7\n" + b"x" * 2000, b"", b"Rar!\x1a\x07\x01\x00" + b"x" * 100],
    ids=["pdf", "empty", "rar"],
)
def test_a_file_that_is_not_a_zip_is_refused(tmp_path, data):
    assert refusal(tmp_path, data) == (
        "The file is not a zip archive: zip the course folder and upload that file."
    )


def test_a_cut_zip_is_refused_as_damaged(tmp_path):
    data = course()
    end = data.rindex(b"PK\x05\x06")
    cut = data[: end - 30] + data[end:]  # a piece of the list of entries is missing
    assert refusal(tmp_path, cut) == (
        "The zip archive is damaged and cannot be read; zip the course folder again."
    )


def test_a_zip_larger_than_an_upload_may_be_is_refused(tmp_path):
    data = course(*incompressible_texts(1, 300_000))
    limits = ArchiveLimits(max_archive_bytes=MB // 4)
    assert refusal(tmp_path, data, limits) == (
        "The file is larger than 0.25 MB, the most an uploaded package may be."
    )


@pytest.mark.parametrize(
    ("first", "second", "message"),
    [
        (
            "01-start/02-Intro.en.md",
            "01-start/02-intro.en.md",
            "'01-start/02-intro.en.md' and '01-start/02-Intro.en.md' differ only in case",
        ),
        ("Assets/a.png", "assets/b.png", "'assets' and 'Assets' differ only in case"),
    ],
)
def test_names_differing_only_in_case_are_refused(tmp_path, first, second, message):
    data = course(Member(first, b"x"), Member(second, b"y"))
    assert refusal(tmp_path, data) == f"{message}; rename one of them."


def test_a_name_written_twice_is_refused(tmp_path):
    nfc, nfd = "assets/caf\u00e9.txt", "assets/cafe\u0301.txt"  # one name, two spellings
    data = course(Member(nfc, b"x", flags=UTF8), Member(nfd, b"y", flags=UTF8))
    assert refusal(tmp_path, data) == f"'{nfc}' appears twice in the archive."


def test_a_file_that_is_also_a_folder_is_refused(tmp_path):
    data = course(Member("assets/a.txt", b"x"), Member("assets/a.txt/b.txt", b"y"))
    assert refusal(tmp_path, data) == "'assets/a.txt' is both a file and a folder."


@pytest.mark.parametrize("name", ["setup.exe", "assets/shell.php", "LICENSE", "01-start/x.yml"])
def test_file_types_the_checker_does_not_know_are_refused(tmp_path, name):
    assert refusal(tmp_path, course(Member(name, b"x"))) == (
        f"'{name}': files of this type cannot be part of a course package (allowed: {TYPES})."
    )


def test_an_encrypted_entry_is_refused(tmp_path):
    secret = Member("01-start/02-secret.en.md", b"\x00" * 12 + b"x", flags=ENCRYPTED)
    assert refusal(tmp_path, course(secret)) == (
        "'01-start/02-secret.en.md' is encrypted; zip the files again without a password."
    )


def test_an_unknown_compression_method_is_refused(tmp_path):
    member = Member("01-start/02-more.en.md", b"x" * 100, method=DEFLATE64)
    assert refusal(tmp_path, course(member)) == (
        "'01-start/02-more.en.md' uses a compression method that cannot be read; "
        "zip it again with the usual method (deflate)."
    )


def test_a_name_with_a_control_character_is_refused(tmp_path):
    assert refusal(tmp_path, course(Member("assets/a\x1bb.txt", b"x"))) == (
        "'assets/a\\x1bb.txt' is not a valid file name."
    )


def test_a_name_too_long_for_a_disk_is_refused(tmp_path):
    name = "assets/" + "é" * 128 + ".txt"  # 260 bytes in UTF-8
    assert refusal(tmp_path, course(Member(name, b"x", flags=UTF8))) == (
        f"'{name}' has a name longer than 255 bytes; shorten it."
    )


def test_an_archive_of_only_what_file_managers_add_is_refused(tmp_path):
    data = build_zip([Member("__MACOSX/._course.yaml", b"x"), Member(".DS_Store", b"x")])
    assert refusal(tmp_path, data) == "The zip archive holds no course files."


@pytest.mark.parametrize("language", ["fr", "es", "ar"])
def test_a_refusal_speaks_the_users_language(app, tmp_path, language):
    with app.test_request_context(f"/?lang={language}"):
        message = refusal(tmp_path / "upload", course(Member("../evil.md", b"x")))
    wording = "'%(name)s' goes up a folder with '..'; every name must be inside the package folder."
    assert message == translated(wording, language, name="../evil.md")
