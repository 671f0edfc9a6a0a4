"""Python dependencies: pyproject.toml names them, requirements/*.txt lock every one (transitive ones
included) with hashes, and `make` installs nothing else. A dependency added to pyproject.toml without
`make lock` fails here, naming the package and the command."""

from __future__ import annotations

import re
import subprocess
import tomllib

import pytest
from packaging.licenses import canonicalize_license_expression
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
PROJECT = PYPROJECT["project"]
LOCKS = ("build", "serve", "test")
ENTRY = re.compile(r"^(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>\S+)(?P<marker>\s*;[^\\]*)?\s*\\?$")


def read_lock(name: str) -> dict[str, tuple[str, list[str]]]:
    """{package: (version, hashes)} of requirements/<name>.txt; any other requirement line fails."""
    entries: dict[str, tuple[str, list[str]]] = {}
    current = None
    for number, line in enumerate((ROOT / "requirements" / f"{name}.txt").read_text(encoding="utf-8").splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace():
            assert current and stripped.startswith("--hash=sha256:"), f"requirements/{name}.txt:{number}: {line}"
            entries[current][1].append(stripped.split(":", 1)[1].rstrip(" \\"))
            continue
        match = ENTRY.match(line)
        assert match, f"requirements/{name}.txt:{number}: not an exact pin: {line}"
        current = canonicalize_name(match["name"])
        entries[current] = (match["version"], [])
    return entries


def pins(requirements: list[str]) -> dict[str, str]:
    result = {}
    for text in requirements:
        requirement = Requirement(text)
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", f"pyproject.toml: pin exactly: {text}"
        result[canonicalize_name(requirement.name)] = specifiers[0].version
    return result


BASE = pins(PROJECT["dependencies"])
EXTRAS = {extra: pins(requirements) for extra, requirements in PROJECT["optional-dependencies"].items()}


@pytest.mark.parametrize("lock", LOCKS)
def test_every_locked_package_is_pinned_with_a_hash(lock):
    entries = read_lock(lock)
    assert entries
    assert [name for name, (_, hashes) in entries.items() if not hashes] == []
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for _, hashes in entries.values() for h in hashes)


@pytest.mark.parametrize("lock, wanted", [("serve", BASE), ("test", BASE)]
                         + [("test", extra) for extra in EXTRAS.values()])
def test_the_locks_hold_what_pyproject_names(lock, wanted):
    locked = read_lock(lock)
    stale = {name: version for name, version in wanted.items() if locked.get(name, (None,))[0] != version}
    assert stale == {}, f"pyproject.toml pins {stale}, requirements/{lock}.txt does not: run `make lock`"


def test_serving_installs_no_test_tool():
    serve = read_lock("serve")
    test_only = {name for extra in EXTRAS.values() for name in extra} - set(BASE)
    assert test_only and test_only.isdisjoint(serve)


def test_the_test_lock_installs_the_same_serving_packages():
    serve, test = read_lock("serve"), read_lock("test")
    assert {name: entry for name, entry in test.items() if name in serve} == serve


def test_the_build_tool_lock_is_within_the_declared_bounds():
    (bound,) = [Requirement(r) for r in PYPROJECT["build-system"]["requires"] if r.startswith("setuptools")]
    (declared,) = [line for line in (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
                   if line.startswith("setuptools")]
    assert bound.specifier == Requirement(declared).specifier
    assert bound.specifier.contains(read_lock("build")["setuptools"][0])
    assert any(s.operator == "<" for s in bound.specifier), "setuptools needs an upper bound"


def test_directly_imported_packages_are_declared():
    assert "pyyaml" in BASE  # hooks and tests `import yaml`


def test_the_licence_is_an_spdx_expression():
    assert isinstance(PROJECT["license"], str)
    assert canonicalize_license_expression(PROJECT["license"]) == "MIT AND CC-BY-4.0"


def test_the_lock_targets_the_oldest_python_the_project_accepts():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    oldest = re.fullmatch(r">=(\S+)", PROJECT["requires-python"].split("#")[0].strip())[1]
    assert f"--python-version {oldest} " in makefile
    assert f"sys.version_info < ({oldest.replace('.', ', ')})" in makefile


def test_deprecation_warnings_are_silenced_only_for_named_modules():
    filters = PYPROJECT["tool"]["pytest"]["ini_options"]["filterwarnings"]
    assert all(f.split(":")[3] for f in filters if "DeprecationWarning" in f)


@pytest.mark.parametrize("target", ["serve", "test", "quick", "lock"])
def test_make_installs_only_from_the_locks_with_hashes(target, tmp_path):
    """What `make` would run in a fresh checkout (dry run, no venv yet)."""
    result = subprocess.run(["make", "-n", f"VENV={tmp_path / 'venv'}", target], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr
    installs = [line for line in result.stdout.splitlines() if "pip install" in line]
    assert installs
    for line in installs:
        if target == "lock":  # the locking tool itself, pinned
            assert re.search(r'"uv==\d+\.\d+\.\d+"$', line), line
            continue
        assert "--require-hashes" in line and "--no-build-isolation" in line, line
        assert re.search(r" -r requirements/(build|serve|test)\.txt$", line), line
    if target == "serve":
        assert not any("requirements/test.txt" in line for line in installs)
