"""Which files a course package is made of, by name: what the checker and uploads share.

The checker (academy.courses.reading) publishes assets of ASSET_TYPES, warns
about editing programs' source files and passes over IGNORED_NAMES; an
uploaded zip (academy.packagefiles.archives) is unpacked only when each of
its files is one of these types, so both follow one list.
"""

from __future__ import annotations

from academy.messages import gettext as _

# Asset files learners are served, by extension, with the media type they are served as.
ASSET_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
    ".pdf": "application/pdf",
    ".mp3": "audio/mpeg",
    ".ogg": "audio/ogg",
    ".m4a": "audio/mp4",
    ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8",
}

# The files the package format is written in: course.yaml, module.yaml and
# quizzes (.yaml), lessons (.md), certificate templates (.html).
FORMAT_SUFFIXES = frozenset({".yaml", ".md", ".html"})

# Every extension a package's file may have.
PACKAGE_SUFFIXES = FORMAT_SUFFIXES | frozenset(ASSET_TYPES)

# What file managers leave in every folder they show.
FILE_MANAGER_FILES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})

# Names the checker passes over: notes for people reading the folder, and the above.
IGNORED_NAMES = frozenset({"README.md", "README.txt", "README"}) | FILE_MANAGER_FILES

# Files that editing programs save beside the images they export. They are
# the author's working copies, never shown to learners: not published, and a
# warning rather than an error, so a package keeps its sources in one place.
SOURCE_SUFFIXES = {
    ".ai", ".afdesign", ".afphoto", ".cdr", ".dia", ".drawio", ".excalidraw", ".fig",
    ".graffle", ".kra", ".odg", ".pdn", ".psd", ".sketch", ".vsdx", ".xcf",
}  # fmt: skip
# Compressed SVG: its content cannot be checked without unpacking it (a zip
# bomb), and the server compresses plain SVG anyway.
COMPRESSED_SVG = ".svgz"


def is_source_file(suffix: str) -> bool:
    return suffix in SOURCE_SUFFIXES or suffix == COMPRESSED_SVG


def source_file_message(suffix: str) -> str:
    """Why a source file (or an .svgz) is not published, after its path."""
    if suffix == COMPRESSED_SVG:
        # TRANSLATORS: .svg is a file extension; keep it as it is.
        return _("is a compressed SVG and is not published; save it as plain .svg")
    # TRANSLATORS: the list is of file extensions; keep them as they are.
    return _(
        "is an editing program's source file and is not published; "
        "use its export: .svg, .png, .jpg or .pdf"
    )
