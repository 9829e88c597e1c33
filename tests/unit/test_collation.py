"""Latvian alphabetical order (dashboard/collation.py), as CLDR's lv tailoring has it."""

from __future__ import annotations

import random

from dashboard.collation import latvian_key


def ordered(names: list[str]) -> list[str]:
    shuffled = names[:]
    random.Random(7).shuffle(shuffled)
    return sorted(shuffled, key=latvian_key)


def test_the_letters_of_their_own_follow_their_base_letter():
    names = [
        "Zariņa",
        "Žagata",
        "Sala",
        "Šulca",
        "Cīrule",
        "Čakste",
        "Dālmane",
        "Gulbis",
        "Ģirts",
        "Hāns",
        "Kalns",
        "Ķuze",
        "Lapa",
        "Ļaudis",
        "Nams",
        "Ņikita",
        "Ozols",
    ]
    assert ordered(names) == [
        "Cīrule",
        "Čakste",
        "Dālmane",
        "Gulbis",
        "Ģirts",
        "Hāns",
        "Kalns",
        "Ķuze",
        "Lapa",
        "Ļaudis",
        "Nams",
        "Ņikita",
        "Ozols",
        "Sala",
        "Šulca",
        "Zariņa",
        "Žagata",
    ]


def test_long_vowels_sort_with_their_base_letter_and_only_break_ties():
    assert ordered(["Kalva", "Kāls", "Kalns"]) == ["Kalns", "Kāls", "Kalva"]
    assert ordered(["Ābele", "Zane", "Anna", "Astrīda"]) == ["Ābele", "Anna", "Astrīda", "Zane"]
    assert ordered(["Āre", "Are"]) == ["Are", "Āre"]
    assert ordered(["Ūzuliņa", "Tolmačova", "Vilks"]) == ["Tolmačova", "Ūzuliņa", "Vilks"]


def test_case_and_spaces():
    assert ordered(["anna", "Anna", "Annija"]) == ["anna", "Anna", "Annija"]
    assert ordered(["Anna Bērziņa", "Annabella"]) == ["Anna Bērziņa", "Annabella"]


def test_the_directory_s_names():
    names = [
        "Zigmārs Erts",
        "Daina Šulca",
        "Džineta Rubule",
        "Edgars Jānis Paulovičs",
        "Eva Behmane",
        "Agnese Bokta",
        "Agnese Berģe",
        "Īpašuma nodaļa",
        "Inga Madžule",
    ]
    assert ordered(names) == [
        "Agnese Berģe",
        "Agnese Bokta",
        "Daina Šulca",
        "Džineta Rubule",
        "Edgars Jānis Paulovičs",
        "Eva Behmane",
        "Inga Madžule",
        "Īpašuma nodaļa",
        "Zigmārs Erts",
    ]
