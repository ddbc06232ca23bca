"""An HTML page's publication date comes from real evidence (its markup, a dateline), never from a number of
its running text or a table: "tercatat 2019 ton" made 2019-01-01, a table of years 1995-01-01."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.ingest.reading import parse_bytes
from indexer.model import PartialDate
from indexer.pipeline import prepare

BODY = (
    "<p>Banjir merendam ratusan rumah di Bekasi sejak pagi, kata petugas BPBD setempat kepada wartawan.</p>"
    "<p>Warga mengungsi ke masjid terdekat sambil menunggu air surut pada sore hari.</p>"
)


def _page(head: str = "", top: str = "", body: str = BODY) -> str:
    return (
        f"<html><head><title>Banjir di Bekasi</title>{head}</head><body><article><h1>Banjir di Bekasi</h1>"
        f"{top}{body}</article></body></html>"
    )


def _date(tmp_path: Path, page: str) -> PartialDate | None:
    records, problems = parse_bytes(str(tmp_path / "page.html"), page.encode("utf-8"))
    assert problems == [] and len(records) == 1
    return prepare(records[0]).date


def test_a_number_in_running_text_is_no_date(tmp_path: Path) -> None:
    body = (
        "<p>Produksi padi di Kabupaten Karawang tercatat 2019 ton pada musim ini, naik dari musim lalu "
        "menurut dinas pertanian setempat.</p><p>Para petani berharap harga gabah tetap stabil.</p>"
    )
    assert _date(tmp_path, _page(body=body)) is None


def test_a_table_of_years_is_no_date(tmp_path: Path) -> None:
    rows = "".join(f"<tr><td>{1995 + k % 30}</td><td>{k}</td><td>{k * 7}</td></tr>" for k in range(2_000))
    body = f"<p>Tabel berikut memuat data produksi tahunan dari berbagai daerah di Indonesia.</p><table>{rows}</table>"
    assert _date(tmp_path, _page(body=body)) is None


def test_a_full_date_in_running_text_is_no_publication_date(tmp_path: Path) -> None:
    body = "<p>Banjir merendam ratusan rumah di Bekasi pada 12 Januari 2021, kata petugas BPBD setempat.</p>" + BODY
    assert _date(tmp_path, _page(body=body)) is None


@pytest.mark.parametrize(
    ("head", "top", "expected"),
    [
        ('<meta property="article:published_time" content="2023-08-15T09:35:00+07:00">', "", "2023-08-15"),
        ('<meta property="article:published_time" content="1987-02-26T15:01:01Z">', "", "1987-02-26"),
        ("", '<time datetime="2022-02-03">3 Februari 2022</time>', "2022-02-03"),
        ("", '<div class="date">Senin, 15 Agustus 2023 09:35 WIB</div>', "2023-08-15"),
        ("", "<p>Selasa, 15 Agustus 2023 09:35 WIB</p>", "2023-08-15"),  # a dateline, found by the cleaner
    ],
    ids=["meta", "meta-1987", "time", "date-class", "dateline"],
)
def test_a_date_of_the_markup_or_a_dateline_is_kept(tmp_path: Path, head: str, top: str, expected: str) -> None:
    assert _date(tmp_path, _page(head, top)) == PartialDate(expected, "day")


def test_a_bare_year_is_at_most_a_year(tmp_path: Path) -> None:
    found = _date(tmp_path, _page(top='<div class="date">2019</div>'))
    assert found is None or found == PartialDate("2019", "year")
