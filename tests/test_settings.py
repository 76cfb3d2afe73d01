"""Production settings refuse to start without what a server must have."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

SITE_DIR = Path(settings.BASE_DIR) / "site"


def import_production_settings(**environment) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "CACHE_URL"}
    }
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import idebanken.settings.production as s; print(s.DEBUG)",
        ],
        cwd=settings.BASE_DIR,
        env={**env, "PYTHONPATH": f"{SITE_DIR}{os.pathsep}{settings.BASE_DIR}"},
        capture_output=True,
        text=True,
        check=False,
    )


class TestProductionSettings:
    def test_secret_key_required(self):
        result = import_production_settings(CACHE_URL="redis://127.0.0.1:6379/1")

        assert result.returncode != 0
        assert "SECRET_KEY is missing" in result.stderr

    def test_shared_cache_required(self):
        result = import_production_settings(SECRET_KEY="a-long-random-test-value")

        assert result.returncode != 0
        assert "CACHE_URL is missing" in result.stderr

    @pytest.mark.parametrize("debug", ["", "true"])
    def test_debug_always_off(self, debug):
        result = import_production_settings(
            SECRET_KEY="a-long-random-test-value",
            CACHE_URL="redis://127.0.0.1:6379/1",
            DEBUG=debug,
        )

        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "False"
