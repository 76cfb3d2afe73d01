#!/usr/bin/env python
"""Django's command-line utility for Idébanken."""

import os
import sys
from pathlib import Path

# The Django project package lives in site/ because the standard library
# already owns the module name `site`.
sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "idebanken.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
