"""Setting up on a fresh machine: on a bare Debian, CI's entry point installs make, git and Python's
venv module before it needs them; `make` stops with a hint, not a traceback, when Python cannot make
the virtual environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

REAL_TOOLS = ("bash", "grep", "id", "dirname", "cat", "rm", "cksum", "cut")


def bare_debian(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """A PATH like a bare Debian's as far as .ci/ can tell: coreutils and bash, no make, no git, a
    python3 without ensurepip; Chromium, poppler, the fonts and npm present (stubs), and an apt-get
    that only writes down what it was asked to install."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    for tool in REAL_TOOLS:
        (bin_dir / tool).symlink_to(shutil.which(tool))
    stubs = {
        "apt-get": f'echo "apt-get $*" >> {log}',
        "python3": 'case "$*" in *ensurepip*) exit 1;; esac; exit 0',
        "fc-list": 'echo "Noto Sans CJK SC"; echo "DejaVu Sans"',
        "chromium": "exit 0", "pdftotext": "exit 0", "npm": "exit 0", "java": "exit 0",
    }
    for name, body in stubs.items():
        (bin_dir / name).write_text(f"#!{shutil.which('bash')}\n{body}\n", encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return {"PATH": str(bin_dir), "HOME": str(tmp_path), "LANG": "C.UTF-8"}, log


def test_ci_installs_make_git_and_python_venv_before_it_runs_make(tmp_path):
    env, log = bare_debian(tmp_path)
    result = subprocess.run([shutil.which("bash"), str(ROOT / ".ci" / "run")], env=env, capture_output=True,
                            text=True, timeout=60)
    installs = [line.split() for line in log.read_text(encoding="utf-8").splitlines() if " install " in line]
    assert installs and {"make", "git", "python3-venv"} <= set(installs[0]), log.read_text(encoding="utf-8")
    # This stub apt-get installs nothing, so `make` is still missing, and only now is it asked for.
    assert result.returncode == 127 and "make: command not found" in result.stderr, result.stderr


def test_make_says_how_to_get_a_python_that_can_make_the_venv(tmp_path):
    no_ensurepip = tmp_path / "python3"
    no_ensurepip.write_text(f'#!{shutil.which("bash")}\ncase "$*" in *ensurepip*) exit 1;; esac\n'
                            f'exec {sys.executable} "$@"\n', encoding="utf-8")
    no_ensurepip.chmod(0o755)
    too_old = tmp_path / "python-old"
    too_old.write_text(f'#!{shutil.which("bash")}\ncase "$*" in *--version*) echo "Python 3.11.2";; esac\nexit 1\n',
                       encoding="utf-8")
    too_old.chmod(0o755)
    env = dict(os.environ, MAKEFLAGS="")
    for python, message in [(no_ensurepip, "cannot create a virtual environment (no ensurepip)"),
                            (too_old, "Python >= 3.11.5 is needed (found: Python 3.11.2)")]:
        result = subprocess.run(["make", f"VENV={tmp_path / 'venv'}", f"PYTHON={python}", "check"], cwd=ROOT,
                                env=env, capture_output=True, text=True, timeout=60)
        assert result.returncode != 0 and message in result.stdout, result.stdout + result.stderr
        assert "sudo bash .ci/install-system" in result.stdout or "make PYTHON=" in result.stdout
        assert "Traceback" not in result.stdout + result.stderr and not (tmp_path / "venv").exists()
