"""Build the real site once per test session (shared by the site and browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# What a deploy sets (mkdocs.yml, !ENV): tests build with the local defaults unless they pass them.
DEPLOY_SETTINGS = ("GUIDE_SITE_URL", "GUIDE_EDIT_URI")


def mkdocs(*args: str, cwd: Path = ROOT, config: Path | None = None,
           env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    inherited = {k: v for k, v in os.environ.items() if k not in DEPLOY_SETTINGS}
    env = dict(inherited, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore", **(env or {}))
    command = [sys.executable, "-m", "mkdocs", *args]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def build(site_dir: Path, cwd: Path = ROOT, strict: bool = True,
          env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    args = ["build", "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    return mkdocs(*args, cwd=cwd, env=env)


def copy_project(target: Path) -> Path:
    """Everything the build reads, copied to ``target`` (to edit and build it there)."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target
