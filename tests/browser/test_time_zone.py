"""Registration learns the browser's time zone when scripts run, and works without."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_the_registration_form_carries_the_browsers_zone(make_context, live_server):
    page = make_context(timezone_id="America/Chicago").new_page()
    page.goto(live_server.url + "/auth/register")
    assert page.locator("#time_zone").input_value() == "America/Chicago"


def test_without_scripts_the_zone_is_left_empty(make_context, live_server):
    page = make_context(timezone_id="America/Chicago", java_script_enabled=False).new_page()
    page.goto(live_server.url + "/auth/register")
    assert page.locator("#time_zone").input_value() == ""
