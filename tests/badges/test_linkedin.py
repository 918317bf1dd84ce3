"""The LinkedIn "Add to profile" link: exact parameters, non-ASCII titles encoded."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from academy.badges.linkedin import linkedin_add_url


def record(title: str, issued_at: str = "2026-03-09T23:30:00+00:00") -> dict:
    return {"course_title": title, "issued_at": issued_at, "public_id": "Ab-Cd_12"}


def test_the_link_is_exactly_linkedins_add_certification_form():
    url = linkedin_add_url(
        record("Understanding cooperatives"),
        verification_url="https://academy.example/verify/Ab-Cd_12",
        organization_name="SSE Academy",
    )

    assert url == (
        "https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME"
        "&name=Understanding%20cooperatives&organizationName=SSE%20Academy"
        "&issueYear=2026&issueMonth=3"
        "&certUrl=https%3A%2F%2Facademy.example%2Fverify%2FAb-Cd_12&certId=Ab-Cd_12"
    )


def test_a_french_title_with_reserved_characters_is_encoded_as_utf8():
    url = linkedin_add_url(
        record("L'économie sociale & solidaire : une introduction ?"),
        verification_url="https://academy.example/verify/x",
        organization_name="Académie ESS",
    )

    assert (
        "&name=L%27%C3%A9conomie%20sociale%20%26%20solidaire%20%3A%20une%20introduction%20%3F&"
        in url
    )
    assert "&organizationName=Acad%C3%A9mie%20ESS&" in url


def test_an_arabic_title_arrives_as_written():
    title = "الاقتصاد الاجتماعي والتضامني: مدخل"

    url = linkedin_add_url(
        record(title, "2026-12-31T10:00:00+00:00"),
        verification_url="https://academy.example/verify/x",
        organization_name="أكاديمية الاقتصاد الاجتماعي والتضامني",
    )

    assert "&name=%D8%A7%D9%84%D8%A7%D9%82%D8%AA%D8%B5%D8%A7%D8%AF%20" in url
    query = parse_qs(urlsplit(url).query)
    assert query["name"] == [title]
    assert query["organizationName"] == ["أكاديمية الاقتصاد الاجتماعي والتضامني"]
    assert (query["issueYear"], query["issueMonth"]) == (["2026"], ["12"])
