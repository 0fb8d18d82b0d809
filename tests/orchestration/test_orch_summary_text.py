"""The ingest report names each file once: quarantined by this run, left by an earlier one, or
skipped by this run's listing."""

from pipelines.commands.ingest_cmd import format_summary
from pipelines.orchestration import IngestSummary

REASON = "Unbekannte Gebietskörperschaft: Unknown district: the party 'X' is not a district."


def _summary(quarantined, outstanding, skipped_entries=()) -> IngestSummary:
    return IngestSummary(
        run_id="r1",
        docs_new=1,
        docs_updated=0,
        docs_unchanged=0,
        docs_quarantined=len(quarantined),
        checks_passed=1,
        checks_warned=0,
        checks_failed=0,
        published=True,
        snapshot_id="s1",
        snapshot_path=None,
        quarantined=quarantined,
        outstanding=outstanding,
        skipped_entries=list(skipped_entries),
    )


def _lines(text: str, label: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(f"  {label}")]


def test_a_file_quarantined_now_is_not_listed_again_as_outstanding() -> None:
    text = format_summary(
        _summary(
            quarantined=[
                ("zv_2017_hanau.txt", REASON),
                ("bescheide.csv (3 Zeilen abgelehnt)", REASON),
            ],
            outstanding=[
                ("agreements/2017/zv_2017_hanau.txt", REASON),
                ("decisions/bescheide.csv", REASON),
                ("agreements/2016/zv_2016_alt.txt", REASON),
            ],
        )
    )
    assert len(_lines(text, "Quarantäne / quarantined")) == 2
    earlier = _lines(text, "Offen aus früheren Läufen")
    assert earlier == [
        f"  Offen aus früheren Läufen / outstanding from earlier runs: agreements/2016/zv_2016_alt.txt: {REASON}"
    ]


def test_the_same_name_in_another_folder_or_with_another_reason_stays_listed() -> None:
    text = format_summary(
        _summary(
            quarantined=[("zv.txt", REASON)],
            outstanding=[
                ("a/zv.txt", "Zeitlimit überschritten: Time limit exceeded"),
                ("b/zv (1).txt", REASON),
            ],
        )
    )
    assert len(_lines(text, "Offen aus früheren Läufen")) == 2


def test_an_entry_skipped_by_this_run_is_listed_as_skipped_not_as_left_by_an_earlier_run() -> None:
    unreadable = "Nicht lesbar (keine Berechtigung): The file cannot be read (Permission denied)."
    summary = _summary(
        quarantined=[],
        outstanding=[("agreements/2016/zv_2016_alt.txt", REASON)],
        skipped_entries=[("eingang/gesperrt.pdf", unreadable)],
    )
    text = format_summary(summary)
    assert _lines(text, "Übersprungen / skipped") == [
        f"  Übersprungen / skipped: eingang/gesperrt.pdf: {unreadable}"
    ]
    assert [line for line in _lines(text, "Offen") if "gesperrt" in line] == []
    assert not summary.ok  # a skipped entry still needs a look (exit 1)
    assert _summary(quarantined=[], outstanding=[]).ok
