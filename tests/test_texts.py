"""The catalogue: every key in both languages, in the same feature module, with the same
placeholders, and plural forms that follow each language's rules."""

from __future__ import annotations

import importlib
import pkgutil
import string
from collections.abc import Mapping

import pytest

from bot.core.lang import LANGS
from bot.presentation.catalogue import Template, merged
from bot.presentation.catalogue.en import EN
from bot.presentation.catalogue.ko import KO
from bot.presentation.texts import CATALOGUE, plural_category, text


def placeholders(template: Template) -> set[str]:
    """The values a sentence is filled with (a Korean particle like {을/를} is chosen by the
    text, not passed in, so it is not one)."""
    forms = [template] if isinstance(template, str) else list(template.values())
    return {
        field.split(".")[0].split("[")[0]
        for form in forms
        for _, field, _, _ in string.Formatter().parse(form)
        if field is not None and "/" not in field
    }


def test_every_key_is_in_both_languages_with_the_same_placeholders() -> None:
    assert set(EN) == set(KO)
    differ = {
        key: (placeholders(EN[key]), placeholders(KO[key]))
        for key in EN
        if placeholders(EN[key]) != placeholders(KO[key])
    }
    assert differ == {}


def feature_modules(lang: str) -> dict[str, Mapping[str, Template]]:
    """A language's feature modules (`now`, `chart`, ...) and the sentences each holds."""
    package = importlib.import_module(f"bot.presentation.catalogue.{lang}")
    modules = {
        info.name: importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
    }
    return {name: module.TEXTS for name, module in modules.items()}


def test_the_languages_have_the_same_feature_modules_with_the_same_keys() -> None:
    en, ko = feature_modules("en"), feature_modules("ko")
    assert len(en) > 10
    assert set(ko) == set(en)
    untranslated = {f"ko/{name}.py": set(en[name]) - set(ko[name]) for name in en}
    only_korean = {f"ko/{name}.py": set(ko[name]) - set(en[name]) for name in en}
    assert {where: keys for where, keys in untranslated.items() if keys} == {}
    assert {where: keys for where, keys in only_korean.items() if keys} == {}


def test_a_language_is_all_its_feature_modules_and_nothing_else() -> None:
    for lang, catalogue in CATALOGUE.items():
        modules = feature_modules(lang).values()
        assert sum(len(texts) for texts in modules) == len(catalogue), lang  # none in two
        assert {key: t for texts in modules for key, t in texts.items()} == catalogue, lang


def test_a_key_in_two_feature_modules_stops_the_import() -> None:
    assert merged({"now.day": "a"}, {"now.age": "b"}) == {"now.day": "a", "now.age": "b"}
    with pytest.raises(ValueError, match=r"\['now.day'\]"):
        merged({"now.day": "a"}, {"now.day": "b", "now.age": "c"})


def test_plural_forms_are_the_categories_each_language_has() -> None:
    for key, template in EN.items():
        if not isinstance(template, str):
            assert set(template) == {"one", "other"}, key
            # A plural sentence is chosen by `count`: it must be there to choose by.
    for key, template in KO.items():
        if not isinstance(template, str):
            assert set(template) == {"other"}, key


@pytest.mark.parametrize(
    ("lang", "count", "category"),
    [
        ("en", 1, "one"),
        ("en", 0, "other"),
        ("en", 2, "other"),
        ("en", 21, "other"),
        ("ko", 1, "other"),
        ("ko", 2, "other"),
    ],
)
def test_plural_category(lang: str, count: int, category: str) -> None:
    assert plural_category(lang, count) == category


def test_a_count_of_one_reads_as_one() -> None:
    one = text("en", "alert.recovered", who="x", failures=1, count=1)
    many = text("en", "alert.recovered", who="x", failures=3, count=3)
    assert one == "✅ x: sampling works again (after 1 failed sample)."
    assert many == "✅ x: sampling works again (after 3 failed samples)."
    assert "1회" in text("ko", "alert.recovered", who="x", failures=1, count=1)


def test_languages_are_the_catalogues() -> None:
    assert LANGS == ("en", "ko")
    assert tuple(CATALOGUE) == LANGS  # one catalogue package per language, no other
