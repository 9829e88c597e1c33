"""Every message the importer can give, by a stable code, in one table.

Keeping them together lets ``docs/UPLOAD_FORMAT.md`` and the tests refer to stable codes. The
messages are in English here and in Latvian in the gettext catalogues (``dashboard/i18n``); an
upload's report carries both, so an admin can read it in either language.
"""

from __future__ import annotations

from typing import Any

from dashboard.i18n import N_, t
from dashboard.ingest.types import Issue

MESSAGES: dict[str, str] = {
    # --- the file as a whole -------------------------------------------------------------------
    "empty_file": N_("The file is empty."),
    "file_too_large": N_("The file is too large ({size}); the limit is {limit}."),
    "wrong_file_type": N_(
        "This is not a CSV or XLSX file (its content looks like: "
        "{what}). Upload a CSV or an Excel .xlsx file."
    ),
    "old_excel": N_(
        "The old Excel .xls format or a password-protected workbook is "
        "not accepted. Save it as .xlsx without a password, or as CSV."
    ),
    "not_xlsx": N_("The file is a ZIP archive but not an Excel .xlsx workbook ({what})."),
    "bad_zip": N_("The Excel file is damaged or incomplete and cannot be opened."),
    "zip_bomb": N_(
        "The Excel file would unpack to {size}; the limit is {limit}. It was not opened."
    ),
    "too_many_parts": N_("The Excel file has too many parts ({count}); it was not opened."),
    "macro": N_(
        "Files with macros (.xlsm, vbaProject.bin) are not accepted. Save as .xlsx without macros."
    ),
    "external_links": N_(
        "The Excel file links to other workbooks or external data "
        "sources ({part}). Paste the values and save it without external "
        "links."
    ),
    "xml_dtd": N_(
        "The Excel file contains forbidden XML DTD declarations ({part}); it was not opened."
    ),
    "xml_token_too_large": N_(
        "The Excel file part {part} holds an XML tag, attribute or "
        "comment longer than {limit}; it was not opened."
    ),
    "duplicate_part": N_(
        "The Excel file has two parts with the same name (differing, if "
        "at all, only in upper and lower case): “{part}” and “{other}”; "
        "it was not opened."
    ),
    "unreadable_workbook": N_("The Excel workbook could not be read ({detail})."),
    "no_sheet": N_("The Excel workbook has no worksheet."),
    "utf16": N_("UTF-16 encoding is not accepted. Save the CSV as UTF-8 (or Windows-1257)."),
    "not_text": N_(
        "The file is not a text (CSV) file: it has binary content or an "
        "unknown encoding. CSV must be UTF-8 or Windows-1257."
    ),
    "csv_malformed": N_("The CSV file cannot be read: {detail}."),
    "too_many_rows": N_("The file has more than {limit} rows; split it into smaller files."),
    "too_many_columns": N_("The row has more than {limit} columns."),
    "too_many_errors": N_("Too many errors; the first {limit} are shown."),
    "too_many_warnings": N_("Too many warnings; the first {limit} are shown."),
    "internal_error": N_(
        "Internal error while checking the file; nothing was changed. "
        "Please tell the administrator."
    ),
    # --- header ----------------------------------------------------------------------------
    "no_header": N_(
        "Header not recognised. The long layout needs the columns "
        "period (or period_start and period_end), region (or geo), metric (or measure), value; "
        "the wide layout needs a period and a metric column and one column per planning region."
    ),
    "no_data": N_("The file has a header but no data rows."),
    "missing_column": N_("Missing column(s): {columns}."),
    "duplicate_column": N_("Column “{name}” appears twice (also {other})."),
    "unknown_column": N_(
        "Column header “{name}” is not a planning region, a total "
        "(KOPĀ/Total), period, metric, source_url, source_title, source_publisher, "
        "source_published_on, reliability or note."
    ),
    "unexpected_column": N_(
        "In the long layout the region goes in the region column, not in a column “{name}”."
    ),
    "unlabelled_column": N_("The column has data but no header."),
    "ignored_column": N_("Column “{name}” is not used and was ignored."),
    "ignored_column_known": N_("Column “{name}” was ignored: {why}"),
    "period_columns_conflict": N_(
        "The period is given both in one column (period) and in two (period_start, "
        "period_end); keep one of the two."
    ),
    "rows_above_header": N_("The rows above the header ({rows}) were ignored."),
    "sheet_used": N_(
        "The workbook has several sheets and none named “data”; the first sheet “{sheet}” was read."
    ),
    "extension_mismatch": N_(
        "The file name ends in “{ext}” but the content is {kind}; it was read as {kind}."
    ),
    "ignored_row": N_("A row without numbers was ignored: “{text}”."),
    # --- cells -----------------------------------------------------------------------------
    "formula": N_(
        "The cell holds a formula ({formula}). Formulas are never "
        "evaluated: paste values, not formulas."
    ),
    "cell_error": N_("The cell holds the Excel error value {value}."),
    "missing_period": N_("The period is missing."),
    "unknown_period": N_(
        "Period “{value}” is not recognised. Examples: 2024-Q3, 2024-H1, "
        "2024, 2018-03..2018-12, 2024 Q3, 2018 (Mar–Dec)."
    ),
    "bad_period_start": N_(
        "The first month “{value}” is not a month (YYYY-MM, e.g. 2024-01) or the first day of "
        "a month (YYYY-MM-DD)."
    ),
    "bad_period_end": N_(
        "The last month “{value}” is not a month (YYYY-MM, e.g. 2024-12) or the last day of "
        "a month (YYYY-MM-DD)."
    ),
    "period_reversed": N_("The period ends ({end}) before it starts ({start})."),
    "date_as_period": N_(
        "The period is an Excel date ({value}), not text. Format the "
        "cell as text and type e.g. 2024-Q3."
    ),
    "period_code_conflict": N_(
        "Period code {period} already exists in the database with other dates ({start} – {end})."
    ),
    "future_period": N_(
        "Period {period} ends on {end}, in the future (today is {today}); only targets may "
        "lie in the future."
    ),
    "stock_not_one_month": N_(
        "Measure {metric} is a stock (a count standing at one moment): its period must be the "
        "one month it stands at (e.g. 2024-12), but {period} has {months} months."
    ),
    "missing_region": N_("The region is missing."),
    "unknown_region": N_(
        "Region “{value}” is not recognised: it is not Latvia (Latvija), a planning region "
        "({valid}) or one of the {count} municipalities known (in the divisions before and "
        "after 1 July 2021).{close}"
    ),
    "unknown_geo_level": N_(
        "Geography level “{value}” is not recognised: write national, planning_region or "
        "municipality."
    ),
    "geo_level_mismatch": N_("“{value}” is {actual}, but the geography level says {given}."),
    "municipality_straddles_reform": N_(
        "{value}: a municipality's figure cannot cover {period}, a period across 1 July "
        "2021, when the municipalities were redrawn; split it at the end of June 2021."
    ),
    "municipality_not_yet": N_("{name} did not exist yet in {period}: it existed from {since}."),
    "municipality_formed": N_(
        "{name} did not exist yet in {period}: it was formed on 1 July 2021. For periods up "
        "to June 2021 use the municipalities of 2009–2021."
    ),
    "municipality_formed_from": N_(
        "{name} did not exist yet in {period}: it was formed on 1 July 2021 from {from}. For "
        "periods up to June 2021 use those municipalities."
    ),
    "municipality_merged_into": N_(
        "{name} no longer existed in {period}: on 1 July 2021 it became part of {into}."
    ),
    "municipality_abolished": N_(
        "{name} no longer existed in {period}: it was abolished on 1 July 2021. From July "
        "2021 use the municipalities of the new division."
    ),
    "municipality_ended": N_("{name} no longer existed in {period}: it existed until {until}."),
    "municipality_ended_into": N_(
        "{name} no longer existed in {period}: it existed until {until}, then became part of "
        "{into}."
    ),
    "unknown_parent_region": N_(
        "Parent region “{value}” is not a planning region. Valid: {valid}."
    ),
    "parent_region_mismatch": N_(
        "{name} belonged to the {actual} planning region in {period}, not to {given}."
    ),
    "parent_region_not_used": N_(
        "The parent region is only read for municipalities; “{value}” was ignored."
    ),
    "missing_metric": N_("The measure is missing."),
    "unknown_metric": N_(
        "Unknown measure “{value}”. An admin defines a new measure in Admin → Measures, with "
        "`remigration measures add`, or through POST /admin/api/measures; known: {valid}."
    ),
    "empty_value": N_("The value is empty; enter a whole number ≥ 0 or remove this row/column."),
    "not_integer": N_("Value “{value}” is not a whole number."),
    "negative": N_("Value {value} is negative; a count must be ≥ 0."),
    "too_large": N_("Value {value} is too large."),
    "total_mismatch": N_("The total is {total} but the regions add up to {sum}."),
    "total_not_checked": N_(
        "The total was not checked because not every region is in the file ({missing})."
    ),
    "bad_url": N_("Source address “{value}” is not an http(s) URL."),
    "too_long": N_("The text is too long ({length} characters; the limit is {limit})."),
    "bad_published_on": N_(
        "Publication date “{value}” is not a day (YYYY-MM-DD) or a month (YYYY-MM); leave it "
        "empty when the source does not state it."
    ),
    "published_on_future": N_("Publication date {value} is after today ({today})."),
    "bad_reliability": N_("Reliability “{value}” is not recognised: write normal or low."),
    "no_source_file": N_(
        "No source is stated in the file: its figures will be shown as “source not stated”."
    ),
    "no_source_rows": N_(
        "No source is stated on rows {rows}: these figures will be shown as “source not stated”."
    ),
    # --- rows against each other and against published data ---------------------------------
    "duplicate": N_(
        "Period {period}, {place}, measure {metric} appears again from the same source "
        "(already in row {first})."
    ),
    "families_gt_people": N_(
        "More families ({families}, {family_metric}) than people ({people}, {people_metric}): "
        "{place}, period {period}{where}."
    ),
    "part_period_gt_whole": N_(
        "{place}, {metric}: {part} ({part_value}) is larger than {whole} ({whole_value}), a "
        "period that contains it ({other})."
    ),
    "municipality_gt_region": N_(
        "{metric}, {period}: municipality {part} ({part_value}) is larger than its planning "
        "region {whole} ({whole_value}) ({other})."
    ),
    "region_gt_national": N_(
        "{metric}, {period}: planning region {part} ({part_value}) is larger than the national "
        "figure ({whole_value}) ({other})."
    ),
    "municipality_gt_national": N_(
        "{metric}, {period}: municipality {part} ({part_value}) is larger than the national "
        "figure ({whole_value}) ({other})."
    ),
    "already_published": N_(
        "Period {period}, {place}, measure {metric} is already "
        "published from the same source as {old} (release {release}); the file has {new}. To "
        "supersede it, choose “replace”."
    ),
    "conflict": N_(
        "Another source gives a different value for {period}, {place}, {metric}: {old} "
        "({source}, release {release}); the file has {new}. Both are kept; readers see the "
        "preferred one."
    ),
    # --- coverage: what the file leaves out (coverage.py) ------------------------------------
    "region_missing": N_(
        "{regions} has no figures for {period} in this file ({metrics}), and none are published: "
        "readers will see no figures for it."
    ),
    "regions_missing": N_(
        "{regions} have no figures for {period} in this file ({metrics}), and none are "
        "published: readers will see no figures for them."
    ),
    "periods_skipped": N_(
        "{metric}: the file has figures from {first} to {last} but none for {missing}, and none "
        "are published: charts will show a gap there."
    ),
    "unchanged": N_(
        "Unchanged: {period}, {place}, {metric} = {value} is already published (release {release})."
    ),
    "supersedes": N_(
        "Will supersede the published {other}, {place}, {metric} = "
        "{old} (release {release}); it stays in the history."
    ),
}

# Words that fill other messages' placeholders, translated with ``t`` in each language.
LEVEL_NAMES: dict[str, str] = {
    "national": N_("Latvia as a whole"),
    "planning_region": N_("a planning region"),
    "municipality": N_("a municipality"),
}
LATVIA = N_("Latvia")
SOURCE_NOT_STATED = N_("source not stated")


def make_issue(
    code: str, row: int | None = None, column: str | None = None, **params: Any
) -> Issue:
    """Build an :class:`Issue` from the message table; ``params`` fill both languages.

    A parameter that is itself words (not a number or a name) is passed as a function of the
    language, e.g. ``functools.partial(t, "…")``, and is called once per language.
    """
    message = MESSAGES[code]

    def filled(lang: str) -> str:
        values = {k: v(lang) if callable(v) else v for k, v in params.items()}
        return t(message, lang, **values)

    return Issue(
        row=row,
        column=column,
        code=code,
        message_lv=filled("lv"),
        message_en=filled("en"),
    )


def human_size(size: int) -> str:
    """``5242880`` → ``"5 MB"``: limits are configured in bytes but read by people."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{size} B"
