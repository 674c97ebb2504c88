"""PDF seeds: reading order, running heads and page numbers dropped, hyphens mended, title and date found.

The PDFs are made by tests/pdfmaker.py at run time from invented text.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from briefing.ingest import SeedError, read_seed
from briefing.refresh import seed_files

from .pdfmaker import Page, laid_out, make_pdf

HEADER = "Harbour Monitor Quarterly  |  Issue 7"


def report(info: dict | None = None, title: str = "Cranes Idle at Port Velan") -> bytes:
    """Three pages with a running header and page numbers, paragraphs across a page break, a hyphenated line."""
    first = laid_out([["Dock workers at Port Velan stopped the cranes on Monday, the harbour",
                       "authority said, after talks on pay broke down for the third time."],
                      ["The authority said the strike had left forty ships waiting off the coast",
                       "and that perishable cargo was being diverted to the smaller port of Arlow,",
                       "where the unions said they would not handle it either, because the work-"],
                      ], header=HEADER, footer="1", title=title, dated="12 March 2024")
    second = laid_out([["ers there had promised to support the strike. The union's leader said",
                        "the cargo would be deliv-",
                        "ered only when the pay offer was raised."],
                       ["The harbour authority denied that any cargo had spoiled. A short-",
                        "term agreement is not expected before the end of the month."]],
                      header=HEADER, footer="Page 2 of 3")
    third = laid_out([["Shipping agents said short-term and long-term contracts with the port were at risk if",
                       "the stoppage lasted into April."]], header=HEADER, footer="Page 3 of 3")
    return make_pdf([first, second, third], info if info is not None else {
        "Title": "Cranes Idle at Port Velan", "Author": "Mara Ostrel; jdoe", "CreationDate": "D:20240315090000Z"})


def read(project: Path, data: bytes, name: str = "report.pdf"):
    path = project / "seeds" / name
    path.write_bytes(data)
    return read_seed(path, project)


def test_a_report_reads_as_its_paragraphs_without_heads_page_numbers_or_hyphens(project: Path):
    raw = read(project, report())
    assert raw.title == "Cranes Idle at Port Velan" and not raw.title_derived
    assert raw.published == date(2024, 3, 12)  # the date on the first page, not the file's creation date
    assert raw.authors == ("Mara Ostrel",)  # a login name in the metadata is no byline
    text = "\n".join(raw.paragraphs)
    assert "Harbour Monitor" not in text and "Page 2" not in text and "\n1\n" not in text
    assert raw.paragraphs[0] == ("Dock workers at Port Velan stopped the cranes on Monday, the harbour authority "
                                 "said, after talks on pay broke down for the third time.")
    assert "because the workers there had promised" in text  # one paragraph across the page break
    assert "would be delivered only when" in text
    assert "A short-term agreement" in text  # "short-term" is written whole elsewhere: its hyphen stays
    assert "short-term and long-term contracts" in text
    assert len(raw.paragraphs) == 4 and "12 March 2024" not in text


def test_title_and_date_from_the_first_page_when_metadata_has_none(project: Path):
    raw = read(project, report(info={"Title": "Microsoft Word - velan_draft3.docx"}))
    assert raw.title == "Cranes Idle at Port Velan"
    assert raw.published == date(2024, 3, 12)
    raw = read(project, report(info={"CreationDate": "D:20240315090000Z"}, title=""), "untitled.pdf")
    assert raw.published == date(2024, 3, 12)


def test_metadata_date_when_the_first_page_has_none(project: Path):
    page = laid_out([["Officials at the harbour authority said the cranes at Port Velan would stay idle until",
                      "the unions and the authority agreed on a new pay offer for the dock workers."]])
    raw = read(project, make_pdf([page], {"Title": "Velan Update", "CreationDate": "D:20240315090000+01'00'"}))
    assert (raw.title, raw.published) == ("Velan Update", date(2024, 3, 15))


def test_two_columns_read_left_then_right(project: Path):
    left = ["The left column opens the account of the talks", "between the harbour authority and the unions,",
            "which began early on Monday morning in the"]
    right = ["town hall and ended late that night without", "an agreement on pay or on working hours.",
             "Both sides said they would meet again."]
    page = Page()
    for row, (one, two) in enumerate(zip(left, right)):
        page.text(72, 700 - 15 * row, 11, one).text(320, 700 - 15 * row, 11, two)
    raw = read(project, make_pdf([page], {"Title": "Talks at Velan"}))
    assert raw.paragraphs[0].startswith("The left column opens") and "in the town hall and ended" in raw.paragraphs[0]


def test_a_scan_without_text_is_refused_saying_so(project: Path):
    with pytest.raises(SeedError, match="scanned PDF with no text layer"):
        read(project, make_pdf([Page(image=True), Page(image=True)], {"Title": "Scanned letter"}))


def test_a_broken_or_empty_pdf_is_refused(project: Path):
    with pytest.raises(SeedError, match="no text in this PDF"):
        read(project, make_pdf([Page()]))
    with pytest.raises(SeedError, match="cannot read this PDF"):
        read(project, b"%PDF-1.4\nthis is not really a PDF\n", "broken.pdf")


def test_pdf_files_are_seeds(project: Path):
    (project / "seeds" / "a.pdf").write_bytes(report())
    (project / "seeds" / "a.url").write_text("[InternetShortcut]\nURL=https://example.org/a.pdf\n")
    assert [p.name for p in seed_files(project / "seeds")] == ["a.pdf"]
    assert read_seed(project / "seeds" / "a.pdf", project).url == "https://example.org/a.pdf"
