"""The resolve stage: one person across articles however each names them (issue 14)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.config import load_settings
from briefing.pipeline import build, read_and_link


def write(project: Path, slug: str, people: list[str], speaker: str | None = None, role: str | None = None) -> None:
    """A content file naming `people` (person actors, ids from their names); `speaker` says one thing."""
    from briefing.textutil import slugify

    actors = "".join(f"- id: {slugify(n)}\n  name: {n}\n  type: person\n" + (f"  role: {role}\n" if role else "")
                     for n in people)
    claims = f"claims:\n- id: c1\n  speaker: {slugify(speaker)}\n  text: the budget is balanced\n" if speaker else ""
    (project / "content" / f"{slug}.md").write_text(
        f"---\ntitle: {slug}\npublished: 2024-05-0{len(slug) % 9 + 1}\nactors:\n{actors}{claims}---\nBody.\n")


def resolved(project: Path):
    briefing, problems = read_and_link(load_settings(project))
    assert [p for p in problems if p.severity == "error"] == []
    return briefing


def speaker(briefing, slug: str) -> str:
    return next(a for a in briefing.articles if a.slug == slug).claims[0].speaker


def test_a_surname_is_the_one_person_of_the_briefing_it_fits(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "after-the-vote", ["Pellow"], speaker="Pellow")
    briefing = resolved(project)
    assert speaker(briefing, "after-the-vote") == "gareth-pellow"
    assert "pellow" not in briefing.actors and briefing.actors["gareth-pellow"].name == "Gareth Pellow"
    assert [(m.actor, m.into) for m in briefing.merges] == [("pellow", "gareth-pellow")]


def test_title_and_surname_and_a_short_first_name_fit_too(project):
    write(project, "budget-day", ["Gareth Pellow", "Dora Quillfeather"])
    write(project, "committee", ["Dora Quillfeather"])
    write(project, "mr", ["Mr Pellow"], speaker="Mr Pellow")
    write(project, "first-name", ["Dora"], speaker="Dora")
    briefing = resolved(project)
    assert speaker(briefing, "mr") == "gareth-pellow"
    assert speaker(briefing, "first-name") == "dora-quillfeather"


def test_a_first_name_goes_to_someone_named_in_full_in_one_other_article_only_never(project):
    write(project, "budget-day", ["Dora Quillfeather"])
    write(project, "first-name", ["Dora"], speaker="Dora")
    assert speaker(resolved(project), "first-name") == "dora"


def test_two_people_fit_so_the_surname_stays_apart_and_is_listed(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "gala", ["Marion Pellow"])
    write(project, "after-the-vote", ["Pellow"], speaker="Pellow")
    briefing = resolved(project)
    assert speaker(briefing, "after-the-vote") == "pellow"
    assert [(a.actor, a.candidates) for a in briefing.ambiguities] == [("pellow", ("gareth-pellow", "marion-pellow"))]


def test_the_article_naming_one_of_them_in_full_decides(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "gala", ["Marion Pellow", "Pellow"], speaker="Pellow")
    assert speaker(resolved(project), "gala") == "marion-pellow"


def test_courtesy_titles_of_the_other_sex_do_not_fit(project):
    write(project, "budget-day", ["Gareth Pellow", "Mr Pellow"])
    write(project, "gala", ["Marion Pellow"])
    write(project, "letters", ["Mrs Pellow"], speaker="Mrs Pellow")
    assert speaker(resolved(project), "letters") == "marion-pellow"


def test_party_and_post_words_in_front_are_the_role_not_the_name(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "hustings", ["Tory Gareth Pellow"], speaker="Tory Gareth Pellow")
    write(project, "committee", ["Labour MP Dora Quillfeather"], speaker="Labour MP Dora Quillfeather")
    briefing = resolved(project)
    assert speaker(briefing, "hustings") == "gareth-pellow"
    assert briefing.actors["gareth-pellow"].role == "Conservative"
    dora = next(x for a in briefing.articles for x in a.actors if a.slug == "committee")
    assert (dora.name, dora.role) == ("Dora Quillfeather", "Labour MP")


def test_a_slogan_that_nothing_refers_to_is_no_actor(project):
    write(project, "hustings", ["Vote Pellow"])
    briefing = resolved(project)
    assert not any(x.name.startswith("Vote") for a in briefing.articles for x in a.actors)


def test_another_spelling_of_a_name_is_the_same_person(project):
    write(project, "talks", ["Mahmoud Ferreira"])
    write(project, "more-talks", ["Mahmoud Ferreira"])
    write(project, "summit", ["Mahmud Ferreira"], speaker="Mahmud Ferreira")
    assert speaker(resolved(project), "summit") == "mahmoud-ferreira"


def test_the_far_most_named_of_several_takes_a_bare_surname(project):
    for k in range(5):
        write(project, f"day-{k}", ["Gareth Pellow"])
    write(project, "gala", ["Marion Pellow"])
    write(project, "after", ["Pellow"], speaker="Pellow")
    write(project, "palace", ["Pellow"], speaker="Pellow", role="King")  # a king is not the minister
    briefing = resolved(project)
    assert speaker(briefing, "after") == "gareth-pellow"
    assert "5 articles" in next(m.reason for m in briefing.merges if m.article == "after")
    assert speaker(briefing, "palace") == "pellow"


def test_an_alias_in_the_registry_decides(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "gala", ["Marion Pellow"])
    write(project, "after-the-vote", ["The Chancellor"], speaker="The Chancellor")
    (project / "content" / "actors.yaml").write_text(
        "- id: gareth-pellow\n  name: Gareth Pellow\n  type: person\n  aliases: [The Chancellor]\n")
    assert speaker(resolved(project), "after-the-vote") == "gareth-pellow"


def test_distinct_in_the_registry_vetoes_a_merge(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "after-the-vote", ["Pellow"], speaker="Pellow")
    (project / "content" / "actors.yaml").write_text(
        "- id: gareth-pellow\n  name: Gareth Pellow\n  type: person\n  distinct: [pellow]\n")
    briefing = resolved(project)
    assert speaker(briefing, "after-the-vote") == "pellow" and briefing.merges == ()


def test_a_distinct_entry_that_is_no_id_is_an_error_at_its_line(project):
    (project / "content" / "actors.yaml").write_text(
        "- id: gareth-pellow\n  name: Gareth Pellow\n  type: person\n  distinct: [Mr Pellow]\n")
    _, problems = read_and_link(load_settings(project))
    assert [(p.path, p.line) for p in problems] == [("content/actors.yaml", 4)]


def test_content_files_are_never_rewritten(project):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "after-the-vote", ["Pellow"], speaker="Pellow")
    before = {p.name: p.read_bytes() for p in (project / "content").iterdir()}
    resolved(project)
    assert {p.name: p.read_bytes() for p in (project / "content").iterdir()} == before


def test_actors_command_lists_merges_with_reasons_and_ambiguities(project, capsys):
    write(project, "budget-day", ["Gareth Pellow"])
    write(project, "gala", ["Marion Pellow"])
    write(project, "after-the-vote", ["Pellow"], speaker="Pellow")
    write(project, "letters", ["Dora Quillfeather", "Quillfeather"], speaker="Quillfeather")
    assert main(["--root", str(project), "actors"]) == 0
    out = capsys.readouterr().out
    assert "'Quillfeather' (quillfeather) in letters: named in full in the same article as 'Dora Quillfeather'" in out
    assert "'Pellow' (pellow) in after-the-vote: fits gareth-pellow, marion-pellow" in out
    assert main(["--root", str(project), "actors", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["into"] for m in data["merges"]] == ["dora-quillfeather"]
    assert data["ambiguities"][0]["candidates"] == ["gareth-pellow", "marion-pellow"]


def test_a_one_word_name_its_article_uses_as_a_place_is_not_a_person(project):
    write(project, "budget-day", ["Madhav Kumar Varnia"])
    write(project, "aid", ["Varnia"])
    path = project / "content" / "aid.md"
    path.write_text(path.read_text().replace("Body.", "Donors pledged aid to farmers in Varnia."))
    briefing = resolved(project)
    assert briefing.merges == ()


def test_a_team_or_a_place_tagged_as_a_person_takes_no_surname(project):
    write(project, "match", ["Dunmore Rovers"])
    write(project, "minister", ["Alan Dunmore"])
    write(project, "report", ["Dunmore"], speaker="Dunmore")
    briefing = resolved(project)
    assert speaker(briefing, "report") == "dunmore"  # two fit: a club and a man
    assert briefing.ambiguities[0].candidates == ("alan-dunmore", "dunmore-rovers")


@pytest.mark.nlp
def test_seeds_naming_a_politician_differently_give_one_actor(project):
    (project / "seeds" / "a.txt").write_text(
        "Budget row deepens\n\nPrime Minister Gareth Pellow said on Monday that the budget would balance.\n"
        "Labour MP Dora Quillfeather said the plan would hurt pensioners.\n")
    (project / "seeds" / "b.txt").write_text(
        "Pellow under fire\n\nMr Pellow said the tax rise was fair.\n"
        "Tory Alwyn Brask told reporters the tax rise was a mistake.\n")
    build(load_settings(project), progress=lambda _: None)
    briefing = resolved(project)
    speakers = {c.speaker for a in briefing.articles for c in a.claims}
    assert "gareth-pellow" in speakers and not speakers & {"pellow", "mr-pellow"}
    people = {x.name for x in briefing.actors.values() if x.type == "person"}
    assert {"Gareth Pellow", "Dora Quillfeather", "Alwyn Brask"} <= people
    assert not any(n.split()[0] in ("Labour", "Tory", "MP", "Mr") for n in people)


def test_three_times_as_often_is_enough_once_named_in_ten_articles(project):
    for k in range(10):
        write(project, f"day-{k}", ["Charles Pellow"])
    for k in range(3):
        write(project, f"night-{k}", ["Kenneth Pellow"])
    write(project, "after", ["Pellow"], speaker="Pellow")
    assert speaker(resolved(project), "after") == "charles-pellow"


def test_distinct_keeps_apart_a_spelling_and_a_name_with_words_in_front_too(project):
    write(project, "talks", ["Mahmoud Ferreira", "Premier Dora Quillfeather"])
    write(project, "more-talks", ["Mahmoud Ferreira", "Dora Quillfeather"])
    write(project, "summit", ["Mahmud Ferreira"], speaker="Mahmud Ferreira")
    (project / "content" / "actors.yaml").write_text(
        "- id: mahmoud-ferreira\n  name: Mahmoud Ferreira\n  type: person\n  distinct: [mahmud-ferreira]\n"
        "- id: dora-quillfeather\n  name: Dora Quillfeather\n  type: person\n  distinct: [premier-dora-quillfeather]\n")
    briefing = resolved(project)
    assert speaker(briefing, "summit") == "mahmud-ferreira"
    assert "premier-dora-quillfeather" in briefing.actors
