"""LinkedIn's "Add to profile" link for a certificate, its form filled in.

LinkedIn's add-certification form reads these query parameters: startTask
(CERTIFICATION_NAME), name, organizationName, issueYear, issueMonth, certUrl and
certId. The learner still reviews and saves the form on LinkedIn; nothing is sent
until she does. Values are percent-encoded as UTF-8 (spaces as %20), so an
Arabic or accented title arrives as written.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import quote, urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"


def linkedin_add_url(record: dict, *, verification_url: str, organization_name: str) -> str:
    """The add-certification link for a certificate record (Certificate.as_record()).

    The certification is named by the course title in the certificate's language;
    its URL is the public verification page and its id the certificate's public id.
    """
    issued = datetime.fromisoformat(record["issued_at"])
    query = {
        "startTask": "CERTIFICATION_NAME",
        "name": record["course_title"],
        "organizationName": organization_name,
        "issueYear": str(issued.year),
        "issueMonth": str(issued.month),
        "certUrl": verification_url,
        "certId": record["public_id"],
    }
    return f"{ADD_TO_PROFILE}?{urlencode(query, quote_via=quote, safe='')}"
