"""Reading a CSV file of learners: Excel and LibreOffice files, and every bad row by line."""

from __future__ import annotations

import pytest

from academy.trainers.enrolment_files import Learner, Problem, read_learners


def excel(*lines: str) -> bytes:
    """What Excel's "CSV UTF-8" writes in a French or Spanish locale: BOM, `;`, CRLF."""
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def libreoffice(*lines: str) -> bytes:
    """What LibreOffice writes by default: no BOM, `,`, LF, text fields quoted."""
    return ("\n".join(lines) + "\n").encode("utf-8")


def messages(problems: list[Problem]) -> list[tuple[int | None, str | None, str]]:
    return [(p.line, p.column, str(p.message).replace("<bdi>", "").replace("</bdi>", ""))
            for p in problems]  # fmt: skip


def test_an_excel_file_is_read(app):
    data = excel(
        "Email;Name;Language;Country;Sex;Constituent group",
        "Awa.Diop@Example.org;Awa Diop;fr;sn;woman;SSE entity",
        "jose@example.org;José Pérez;Español;PE;;workers",
    )
    learners, problems = read_learners(data)
    assert problems == []
    assert learners == [
        Learner(2, "awa.diop@example.org", "Awa Diop", "fr", "SN", "woman", "sse_entity"),
        Learner(3, "jose@example.org", "José Pérez", "es", "PE", None, "workers"),
    ]


def test_a_libreoffice_file_is_read(app):
    data = libreoffice(
        '"email","name","constituent_group"',
        '"a@example.org","Diop, Awa","government"',
        '"b@example.org","Mensah ""Ada""","employers"',
    )
    learners, problems = read_learners(data)
    assert problems == []
    assert [(item.email, item.name, item.constituent_group) for item in learners] == [
        ("a@example.org", "Diop, Awa", "government"),
        ("b@example.org", 'Mensah "Ada"', "employers"),
    ]


def test_blank_lines_are_skipped_and_lines_still_count(app):
    learners, problems = read_learners(libreoffice("email,name", "", "a@example.org,A", ",", ""))
    assert problems == []
    assert [(item.line, item.email) for item in learners] == [(3, "a@example.org")]


def test_a_file_that_is_not_utf8_says_to_save_it_as_csv_utf8(app):
    data = "email;name\r\nzoe@example.org;Zoé Müller\r\n".encode("cp1252")
    learners, problems = read_learners(data)
    assert learners == []
    [(line, column, message)] = messages(problems)
    assert (line, column) == (None, None)
    assert "The file is not in UTF-8" in message
    assert "CSV UTF-8" in message


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (
            ["email,name", "not-an-address,A"],
            [(2, "email", "not-an-address is not an email address.")],
        ),
        (["email,name", ",Nobody"], [(2, "email", "The email address is missing.")]),
        (["email,name", "a@example.org,  "], [(2, "name", "The name is missing.")]),
        (
            ["email,name,country", "a@example.org,A,Senegal"],
            [(2, "country", "Senegal is not a country code: use two letters, such as SN.")],
        ),
        (
            ["email,name,language", "a@example.org,A,de"],
            [(2, "language", "de is not one of the accepted values: en, fr, es, ar.")],
        ),
        (
            ["email,name,sex", "a@example.org,A,f"],
            [(2, "sex", "f is not one of the accepted values: woman, man, another, undisclosed.")],
        ),
        (
            ["email,name,group", "a@example.org,A,cooperative"],
            [
                (
                    2,
                    "group",  # as the file's first line names it
                    "cooperative is not one of the accepted values: government, employers, "
                    "workers, sse_entity, training_research, other.",
                )
            ],
        ),
        (
            ["email,name", "a@example.org,A", "b@example.org,B", "A@EXAMPLE.org,A again"],
            [(4, "email", "a@example.org is also on line 2.")],
        ),
        (
            ["email,name", "a@example.org,A,extra"],
            [(2, None, "This line has more fields than the first line has columns.")],
        ),
        (
            ["email,name", "a@example.org," + "x" * 201],
            [(2, "name", "Use at most 200 characters.")],
        ),
    ],
)
def test_every_bad_row_is_reported_with_its_line_and_column(app, lines, expected):
    learners, problems = read_learners(libreoffice(*lines))
    assert learners == []
    assert messages(problems) == expected


def test_every_bad_row_is_reported_not_only_the_first(app):
    data = excel("email;name;country", "bad;A;SN", "b@example.org;;XX", "c@example.org;C;FR")
    learners, problems = read_learners(data)
    assert learners == []
    assert [(line, column) for line, column, _ in messages(problems)] == [
        (2, "email"),
        (3, "name"),
        (3, "country"),
    ]


def test_a_quoted_field_over_two_lines_reports_the_line_it_starts_on(app):
    data = libreoffice("email,name", 'a@example.org,"Awa', 'Diop"', "bad,B")
    _learners, problems = read_learners(data)
    assert messages(problems) == [(4, "email", "bad is not an email address.")]


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "email,name,phone",
            [
                (
                    1,
                    "phone",
                    "Unknown column phone. The columns are email, name, and optionally "
                    "language, country, sex and constituent group.",
                )
            ],
        ),
        ("name,country", [(1, "email", "The first line must name the column email.")]),
        ("E-mail,Name,email", [(1, "email", "This column appears twice.")]),
    ],
)
def test_the_header_is_checked(app, header, expected):
    learners, problems = read_learners(libreoffice(header, "a@example.org,A,x"))
    assert learners == []
    assert messages(problems) == expected


def test_an_empty_file_or_one_without_learners_is_refused(app):
    assert messages(read_learners(b"")[1]) == [(None, None, "The file is empty.")]
    assert messages(read_learners(excel("email;name"))[1]) == [
        (None, None, "The file names no learner.")
    ]


def test_messages_are_in_the_trainers_language(app):
    from flask_babel import force_locale

    from tests.i18n import translated

    with app.test_request_context(), force_locale("fr"):
        _learners, problems = read_learners(libreoffice("email,name", ",A"))
    assert str(problems[0].message) == translated("The email address is missing.", "fr")


def test_excels_separator_line_is_followed_and_lines_still_count(app):
    data = excel("sep=,", "email,name", "a@example.org,Diop; Awa", "bad,B")
    learners, problems = read_learners(data)
    assert messages(problems) == [(4, "email", "bad is not an email address.")]
    learners, problems = read_learners(excel("sep=,", "email,name", "a@example.org,Diop; Awa"))
    assert [(item.line, item.name) for item in learners] == [(3, "Diop; Awa")]
    _learners, problems = read_learners(excel("sep=;", "email;phone"))
    assert [(line, column) for line, column, _ in messages(problems)] == [(2, "phone"), (2, "name")]
