"""The user guides (docs/guide/) and their screenshots stay in step.

Every guide has its bokmål twin showing the same screens in bokmål; every
image a guide shows exists, and every screenshot the tours take
(``screenshot("name")`` in ``*/static/tests/tours/*.js``) is in
``docs/guide/img`` in both languages and shown by a guide, so that a renamed
or dropped screenshot step cannot leave a guide with a stale or missing
picture. The pictures themselves are retaken by ``make screenshots``.
"""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUIDES = ROOT / "docs" / "guide"
IMAGE = re.compile(r"!\[[^\]]*\]\((img/[^)]+)\)")
STEP = re.compile(r"""\bscreenshot\(\s*["']([a-z0-9-]+)["']""")
LANGUAGES = ("en", "nb")


def english_guides():
    return sorted(p for p in GUIDES.glob("*.md") if p.name != "README.md" and ".nb." not in p.name)


def images(guide):
    return IMAGE.findall(guide.read_text(encoding="utf-8"))


def tour_screenshots():
    names = set()
    for tour in ROOT.glob("*/static/tests/tours/*.js"):
        names.update(STEP.findall(tour.read_text(encoding="utf-8")))
    return names


def test_the_tours_take_screenshots():
    assert len(tour_screenshots()) > 10


@pytest.mark.parametrize("guide", english_guides(), ids=lambda path: path.stem)
def test_guide_has_a_bokmal_twin_with_the_same_screens(guide):
    twin = guide.with_name(f"{guide.stem}.nb.md")
    assert twin.exists(), f"{twin.name} is missing"
    english = images(guide)
    assert all(name.endswith(".en.png") for name in english), english
    assert [name.replace(".en.png", ".nb.png") for name in english] == images(twin)


def test_every_image_shown_exists():
    shown = {name for guide in GUIDES.glob("*.md") for name in images(guide)}
    missing = sorted(name for name in shown if not (GUIDES / name).exists())
    assert not missing


def test_every_screenshot_is_taken_and_shown():
    shown = {name for guide in GUIDES.glob("*.md") for name in images(guide)}
    for name in tour_screenshots():
        for language in LANGUAGES:
            path = f"img/{name}.{language}.png"
            assert (GUIDES / path).exists(), f"{path}: run make screenshots"
            assert path in shown, f"{path} is taken by a tour but in no guide"


def test_no_stale_screenshots():
    taken = {f"{name}.{lang}.png" for name in tour_screenshots() for lang in LANGUAGES}
    stale = sorted(p.name for p in (GUIDES / "img").glob("*.png") if p.name not in taken)
    assert not stale, "no tour takes these any more"
