"""The ingest report names each file once: quarantined by this run, or left by an earlier one."""

from pipelines.commands.ingest_cmd import format_summary
from pipelines.orchestration import IngestSummary

REASON = "Unbekannte Gebietskörperschaft: Unknown district: the party 'X' is not a district."


def _summary(quarantined, outstanding) -> IngestSummary:
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
