"""Tokens at rest: Fernet with the configured key; a generated key in local mode; hosted mode refuses."""

from __future__ import annotations

import tomllib

import pytest
from cryptography.fernet import Fernet

from smmkpi import crypto

TOKEN = "vk1.a.secret-token-value-0123456789"


def test_round_trip_and_the_ciphertext_does_not_contain_the_token():
    cipher = crypto.Cipher(Fernet.generate_key().decode())
    blob = cipher.encrypt(TOKEN)
    assert TOKEN not in blob
    assert cipher.decrypt(blob) == TOKEN
    assert "secret" not in repr(cipher)


def test_a_passphrase_works_as_a_key_and_a_wrong_key_is_a_clear_error():
    blob = crypto.Cipher("correct horse battery staple, long enough").encrypt(TOKEN)
    assert crypto.Cipher("correct horse battery staple, long enough").decrypt(blob) == TOKEN
    with pytest.raises(crypto.SecretKeyError, match="SMMKPI_SECRET_KEY"):
        crypto.Cipher("another key").decrypt(blob)


def test_key_rotation_new_key_first_old_key_still_decrypts():
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    blob = crypto.Cipher(old).encrypt(TOKEN)
    rotated = crypto.Cipher(f"{new},{old}")
    assert rotated.decrypt(blob) == TOKEN
    assert crypto.Cipher(new).decrypt(rotated.encrypt(TOKEN)) == TOKEN


def test_key_from_environment_wins_over_secrets():
    env_key, file_key = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    secrets = {"smmkpi": {"secret_key": file_key}}
    assert crypto.configured_key({crypto.KEY_ENV: env_key}, secrets) == env_key
    assert crypto.configured_key({}, secrets) == file_key
    assert crypto.configured_key({}, {}) is None


def test_local_mode_generates_a_key_into_the_secrets_file_and_says_so(tmp_path):
    path = tmp_path / ".streamlit" / "secrets.toml"
    path.parent.mkdir()
    path.write_text('[auth]\nredirect_uri = "http://x/oauth2callback"\n\n[smmkpi]\nlanguage = "ru"\n')
    environ: dict[str, str] = {}
    notes: list[str] = []
    note = crypto.ensure_secret_key(environ=environ, secrets={}, secrets_path=path, announce=notes.append)
    assert notes == [note] and str(path) in note and "back it up" in note
    saved = tomllib.loads(path.read_text())
    assert saved["smmkpi"]["secret_key"] == environ[crypto.KEY_ENV]
    assert saved["smmkpi"]["language"] == "ru" and saved["auth"]["redirect_uri"] == "http://x/oauth2callback"
    # the next start finds it and generates nothing
    again = crypto.ensure_secret_key(environ={}, secrets=saved, secrets_path=path, announce=notes.append)
    assert again is None and len(notes) == 1


def test_local_mode_creates_the_secrets_file_when_there_is_none(tmp_path):
    path = tmp_path / ".streamlit" / "secrets.toml"
    environ: dict[str, str] = {}
    crypto.ensure_secret_key(environ=environ, secrets={}, secrets_path=path, announce=lambda note: None)
    assert tomllib.loads(path.read_text())["smmkpi"]["secret_key"] == environ[crypto.KEY_ENV]


def test_hosted_mode_refuses_to_start_without_a_key(tmp_path):
    path = tmp_path / "secrets.toml"
    with pytest.raises(crypto.SecretKeyError, match="SMMKPI_HOSTED=true but SMMKPI_SECRET_KEY is not set"):
        crypto.ensure_secret_key(environ={crypto.HOSTED_ENV: "true"}, secrets={}, secrets_path=path)
    assert not path.exists()  # nothing generated on a server
    key = Fernet.generate_key().decode()
    assert (
        crypto.ensure_secret_key(environ={crypto.HOSTED_ENV: "true", crypto.KEY_ENV: key}, secrets={}) is None
    )


def test_no_key_at_all_is_a_clear_error():
    with pytest.raises(crypto.SecretKeyError, match="set SMMKPI_SECRET_KEY"):
        crypto.cipher({}, {})
