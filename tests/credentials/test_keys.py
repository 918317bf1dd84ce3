"""`academy keys generate|rotate`: files with the right modes, rotation, production's refusal."""

from __future__ import annotations

import stat

import pytest
from click.testing import CliRunner

from academy import create_app
from academy.cli import command_group
from academy.config import ConfigurationError
from academy.credentials import keys


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_generate_writes_a_private_key_only_its_owner_reads(app, runner, tmp_path):
    folder = tmp_path / "instance" / "keys"
    result = runner.invoke(args=["keys", "generate"])
    assert result.exit_code == 0, result.output
    [private] = folder.glob("*.private.pem")
    [public] = folder.glob("*.public.pem")
    kid = private.name.removesuffix(".private.pem")
    assert result.output == f"New signing key {kid} in {folder}.\n"
    assert mode(folder) == 0o700
    assert mode(private) == 0o600
    assert mode(public) == 0o644
    assert private.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert public.read_bytes().startswith(b"-----BEGIN PUBLIC KEY-----")


def test_generate_refuses_to_replace_a_key(app, runner, tmp_path):
    assert runner.invoke(args=["keys", "generate"]).exit_code == 0
    before = sorted(p.name for p in (tmp_path / "instance" / "keys").iterdir())
    result = runner.invoke(args=["keys", "generate"])
    assert result.exit_code == 1
    assert "use `academy keys rotate` to replace it" in result.output
    assert sorted(p.name for p in (tmp_path / "instance" / "keys").iterdir()) == before


def test_rotate_keeps_only_the_old_public_key(app, runner, tmp_path):
    folder = tmp_path / "instance" / "keys"
    assert runner.invoke(args=["keys", "generate"]).exit_code == 0
    [old] = folder.glob("*.private.pem")
    old_kid = old.name.removesuffix(".private.pem")
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 0, result.output
    [new] = folder.glob("*.private.pem")
    assert new != old
    assert mode(new) == 0o600
    assert (folder / f"{old_kid}.public.pem").exists()
    assert [k.kid for k in keys.public_keys(folder)] == [
        new.name.removesuffix(".private.pem"),
        old_kid,
    ]


def test_rotate_without_a_key_says_so(app, runner):
    result = runner.invoke(args=["keys", "rotate"])
    assert result.exit_code == 1
    assert "use `academy keys generate` first" in result.output


def production(monkeypatch, tmp_path):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("ACADEMY_ENV", "production")
    monkeypatch.setenv("ACADEMY_SECRET_KEY", "p" * 48)
    monkeypatch.delenv("ACADEMY_CREDENTIAL_KEYS_DIR", raising=False)


def test_production_refuses_to_start_without_a_signing_key(tmp_path, monkeypatch):
    production(monkeypatch, tmp_path)
    with pytest.raises(ConfigurationError, match="needs a key to sign credentials"):
        create_app()
    # Nothing was invented on the way.
    assert not (tmp_path / "keys").exists()


def test_production_makes_its_first_key_without_the_app_and_then_starts(tmp_path, monkeypatch):
    production(monkeypatch, tmp_path)
    result = CliRunner().invoke(command_group(), ["keys", "generate"])
    assert result.exit_code == 0, result.output
    assert mode(next((tmp_path / "keys").glob("*.private.pem"))) == 0o600
    assert create_app().config["CREDENTIAL_KEYS_DIR"] == str(tmp_path / "keys")


def test_production_reads_its_keys_from_the_configured_folder(tmp_path, monkeypatch):
    production(monkeypatch, tmp_path)
    elsewhere = tmp_path / "secrets" / "academy-keys"
    keys.generate(elsewhere)
    monkeypatch.setenv("ACADEMY_CREDENTIAL_KEYS_DIR", str(elsewhere))
    assert create_app().config["CREDENTIAL_KEYS_DIR"] == str(elsewhere)


def test_development_makes_a_key_on_first_need(app, client, sample_course, tmp_path):
    from academy.certificates.services import issue_certificate
    from academy.extensions import db
    from tests.factories import make_user

    certificate = issue_certificate(make_user(name="Ana"), sample_course)
    db.session.commit()
    folder = tmp_path / "instance" / "keys"
    assert not folder.exists()  # issuing never waits for a key
    response = client.get(f"/verify/{certificate.public_id}/credential.jwt")
    assert response.status_code == 200
    assert mode(next(folder.glob("*.private.pem"))) == 0o600


def test_a_certificate_issued_from_the_command_line_is_signed_at_once(
    app, runner, sample_course, signing_keys
):
    from academy.credentials.models import Credential
    from academy.extensions import db
    from tests.factories import make_user

    make_user("ana@example.org", name="Ana Lima")
    result = runner.invoke(
        args=["certificates", "issue", "--email", "ana@example.org", "--course", "sample-course"]
    )
    assert result.exit_code == 0, result.output
    [credential] = db.session.scalars(db.select(Credential)).all()
    assert credential.token.count(".") == 2


def test_production_refuses_a_signing_key_others_can_read(tmp_path, monkeypatch):
    production(monkeypatch, tmp_path)
    keys.generate(tmp_path / "keys")
    [private] = (tmp_path / "keys").glob("*.private.pem")
    private.chmod(0o640)
    with pytest.raises(ConfigurationError, match=r"can be read by other users \(mode 640\)"):
        create_app()


def test_production_refuses_a_damaged_signing_key(tmp_path, monkeypatch):
    production(monkeypatch, tmp_path)
    keys.generate(tmp_path / "keys")
    [private] = (tmp_path / "keys").glob("*.private.pem")
    private.write_text("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
    with pytest.raises(ConfigurationError, match="cannot be loaded"):
        create_app()


def test_development_warns_about_a_readable_key_and_starts(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("ACADEMY_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("ACADEMY_ENV", raising=False)
    monkeypatch.delenv("ACADEMY_CREDENTIAL_KEYS_DIR", raising=False)
    keys.generate(tmp_path / "keys")
    [private] = (tmp_path / "keys").glob("*.private.pem")
    private.chmod(0o644)
    assert create_app().config["PRODUCTION"] is False
    assert "can be read by other users (mode 644)" in caplog.text


def test_production_refuses_an_http_base_url(tmp_path, monkeypatch, caplog):
    production(monkeypatch, tmp_path)
    keys.generate(tmp_path / "keys")
    monkeypatch.setenv("ACADEMY_BASE_URL", "http://learn.example.org")
    with pytest.raises(ConfigurationError, match="verifiers fetch over HTTPS only"):
        create_app()
    # On this machine only, a trial of production: said, not refused.
    monkeypatch.setenv("ACADEMY_BASE_URL", "http://127.0.0.1:8000")
    assert create_app().config["BASE_URL"] == "http://127.0.0.1:8000"
    assert "verifiers fetch over HTTPS only" in caplog.text
    monkeypatch.setenv("ACADEMY_BASE_URL", "https://learn.example.org")
    assert create_app().config["BASE_URL"] == "https://learn.example.org"


def test_after_a_crash_the_marked_key_signs_not_the_last_by_name(tmp_path):
    import os

    folder = tmp_path / "keys"
    first = keys.generate(folder)
    # A second pair left by a rotation that crashed before its marker: named
    # to sort last, and newer, yet the marker says the first key signs.
    second = keys._new_pair(folder)
    (folder / keys.CURRENT).write_text(first)
    os.rename(folder / f"{second}.private.pem", folder / "99999999-zzz.private.pem")
    assert keys.signing_key(folder)[0] == first
    # Without a marker, the newest file signs, whatever its name.
    (folder / keys.CURRENT).unlink()
    older = folder / f"{first}.private.pem"
    os.utime(older, ns=(1, 1))
    assert keys.signing_key(folder)[0] == "99999999-zzz"
    os.utime(older, ns=(2**62, 2**62))
    assert keys.signing_key(folder)[0] == first


def test_rotate_writes_the_current_marker_last(app, runner, tmp_path):
    folder = tmp_path / "instance" / "keys"
    assert runner.invoke(args=["keys", "generate"]).exit_code == 0
    assert runner.invoke(args=["keys", "rotate"]).exit_code == 0
    [private] = folder.glob("*.private.pem")
    assert (folder / "current").read_text() == private.name.removesuffix(".private.pem")
