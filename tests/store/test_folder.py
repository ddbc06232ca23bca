"""What Warta takes for its own in an index folder: the word-list caches of the lookups count as its files."""

from __future__ import annotations

from pathlib import Path

from indexer.store.folder import folder_kind, remove_leftovers, warta_made


def test_word_lists_are_warta_files() -> None:
    assert warta_made("warta_0123456789abcdef.vcb")
    assert warta_made("warta_0123456789abcdef.vcb.4242.tmp")
    assert warta_made("warta-vocab-0123456789abcdef.vcb")
    assert warta_made("warta-vocab-0123456789abcdef.vcb.4242.tmp")
    assert not warta_made("notes-vocab.vcb")
    assert not warta_made("warta-vocab-x.vcb.bak")


def test_a_folder_of_warta_files_without_a_toc_is_an_index(tmp_path: Path) -> None:
    for name in ("warta_0123456789abcdef.seg", "warta_0123456789abcdef.vcb", "warta-vocab-0123abcd.vcb"):
        (tmp_path / name).write_bytes(b"x")
    assert folder_kind(str(tmp_path)) == "index"
    (tmp_path / "thesis.docx").write_bytes(b"x")
    assert folder_kind(str(tmp_path)) == "foreign"


def test_the_word_list_of_a_segment_no_toc_names_is_a_leftover(tmp_path: Path) -> None:
    (tmp_path / "warta_0123456789abcdef.vcb").write_bytes(b"x" * 10)
    (tmp_path / "warta_fedcba9876543210.vcb").write_bytes(b"x" * 10)
    remove_leftovers(str(tmp_path), keep=["warta_fedcba9876543210"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["warta_fedcba9876543210.vcb"]
