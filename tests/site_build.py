"""Build the real site once per test session (shared by the site and browser tests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def mkdocs(*args: str, cwd: Path = ROOT, config: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONWARNINGS="ignore")
    command = [sys.executable, "-m", "mkdocs", *args]
    if config is not None:
        command += ["--config-file", str(config)]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def build(site_dir: Path, cwd: Path = ROOT, strict: bool = True) -> subprocess.CompletedProcess:
    args = ["build", "--site-dir", str(site_dir)] + (["--strict"] if strict else [])
    return mkdocs(*args, cwd=cwd)


def copy_project(target: Path) -> Path:
    """Everything the build reads, copied to ``target`` (to edit and build it there)."""
    for name in ("docs", "hooks", "overrides"):
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target
