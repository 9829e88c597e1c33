"""Every message the importer can give, in Latvian and English, in one table.

Keeping them together lets ``docs/UPLOAD_FORMAT.md`` and the tests refer to stable codes, and makes
it hard to add a rule that explains itself in only one language.
"""

from __future__ import annotations

from typing import Any

from dashboard.ingest.types import Issue

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the file as a whole -------------------------------------------------------------------
    "empty_file": (
        "Fails ir tukšs.",
        "The file is empty.",
    ),
    "file_too_large": (
        "Fails ir par lielu ({size}); atļautais lielums ir līdz {limit}.",
        "The file is too large ({size}); the limit is {limit}.",
    ),
    "wrong_file_type": (
        "Šis nav CSV vai XLSX fails (saturs izskatās pēc: {what}). Augšupielādējiet CSV vai "
        "Excel .xlsx failu.",
        "This is not a CSV or XLSX file (its content looks like: {what}). Upload a CSV or an "
        "Excel .xlsx file.",
    ),
    "old_excel": (
        "Vecais Excel .xls formāts vai ar paroli aizsargāts fails netiek pieņemts. Saglabājiet "
        "to kā .xlsx bez paroles vai kā CSV.",
        "The old Excel .xls format or a password-protected workbook is not accepted. Save it as "
        ".xlsx without a password, or as CSV.",
    ),
    "not_xlsx": (
        "Fails ir ZIP arhīvs, bet nav Excel .xlsx darbgrāmata ({what}).",
        "The file is a ZIP archive but not an Excel .xlsx workbook ({what}).",
    ),
    "bad_zip": (
        "Excel fails ir bojāts vai nepilnīgs, to nevar atvērt.",
        "The Excel file is damaged or incomplete and cannot be opened.",
    ),
    "zip_bomb": (
        "Excel fails atarhivēts būtu {size} liels; atļauts līdz {limit}. Fails netika atvērts.",
        "The Excel file would unpack to {size}; the limit is {limit}. It was not opened.",
    ),
    "too_many_parts": (
        "Excel failā ir pārāk daudz daļu ({count}); fails netika atvērts.",
        "The Excel file has too many parts ({count}); it was not opened.",
    ),
    "macro": (
        "Faili ar makro (.xlsm, vbaProject.bin) netiek pieņemti. Saglabājiet kā .xlsx bez makro.",
        "Files with macros (.xlsm, vbaProject.bin) are not accepted. Save as .xlsx without macros.",
    ),
    "external_links": (
        "Excel failā ir saites uz citām darbgrāmatām vai ārējiem datu avotiem ({part}). "
        "Ielīmējiet vērtības un saglabājiet bez ārējām saitēm.",
        "The Excel file links to other workbooks or external data sources ({part}). Paste the "
        "values and save it without external links.",
    ),
    "xml_dtd": (
        "Excel failā ir neatļautas XML DTD deklarācijas ({part}); fails netika atvērts.",
        "The Excel file contains forbidden XML DTD declarations ({part}); it was not opened.",
    ),
    "xml_token_too_large": (
        "Excel faila daļā {part} ir pārāk garš XML elements, atribūts vai komentārs (garāks par "
        "{limit}); fails netika atvērts.",
        "The Excel file part {part} holds an XML tag, attribute or comment longer than {limit}; "
        "it was not opened.",
    ),
    "duplicate_part": (
        "Excel failā ir divas daļas ar vienādu nosaukumu (atšķiras, ja vispār, tikai lielie un "
        "mazie burti): “{part}” un “{other}”; fails netika atvērts.",
        "The Excel file has two parts with the same name (differing, if at all, only in upper "
        "and lower case): “{part}” and “{other}”; it was not opened.",
    ),
    "unreadable_workbook": (
        "Excel darbgrāmatu neizdevās nolasīt ({detail}).",
        "The Excel workbook could not be read ({detail}).",
    ),
    "no_sheet": (
        "Excel darbgrāmatā nav neviena darblapas.",
        "The Excel workbook has no worksheet.",
    ),
    "utf16": (
        "UTF-16 kodējums netiek pieņemts. Saglabājiet CSV kā UTF-8 (vai Windows-1257).",
        "UTF-16 encoding is not accepted. Save the CSV as UTF-8 (or Windows-1257).",
    ),
    "not_text": (
        "Fails nav teksta (CSV) fails: tajā ir binārs saturs vai nezināms kodējums. CSV jābūt "
        "UTF-8 vai Windows-1257 kodējumā.",
        "The file is not a text (CSV) file: it has binary content or an unknown encoding. CSV "
        "must be UTF-8 or Windows-1257.",
    ),
    "csv_malformed": (
        "CSV failu nevar nolasīt: {detail}.",
        "The CSV file cannot be read: {detail}.",
    ),
    "too_many_rows": (
        "Failā ir vairāk nekā {limit} rindu; sadaliet to mazākos failos.",
        "The file has more than {limit} rows; split it into smaller files.",
    ),
    "too_many_columns": (
        "Rindā ir vairāk nekā {limit} kolonnu.",
        "The row has more than {limit} columns.",
    ),
    "too_many_errors": (
        "Pārāk daudz kļūdu; parādītas pirmās {limit}.",
        "Too many errors; the first {limit} are shown.",
    ),
    "too_many_warnings": (
        "Pārāk daudz brīdinājumu; parādīti pirmie {limit}.",
        "Too many warnings; the first {limit} are shown.",
    ),
    "internal_error": (
        "Iekšēja kļūda, pārbaudot failu; nekas netika mainīts. Lūdzu, ziņojiet administratoram.",
        "Internal error while checking the file; nothing was changed. Please tell the "
        "administrator.",
    ),
    # --- header ----------------------------------------------------------------------------
    "no_header": (
        "Galvene nav atpazīta. Garajā formā vajag kolonnas period, region, metric, value; "
        "platajā formā – perioda un rādītāja kolonnas un pa kolonnai katram plānošanas reģionam.",
        "Header not recognised. The long layout needs the columns period, region, metric, "
        "value; the wide layout needs a period and a metric column and one column per planning "
        "region.",
    ),
    "no_data": (
        "Failā ir tikai galvene, nav datu rindu.",
        "The file has a header but no data rows.",
    ),
    "missing_column": (
        "Trūkst kolonnas: {columns}.",
        "Missing column(s): {columns}.",
    ),
    "duplicate_column": (
        "Kolonna “{name}” ir divreiz (arī {other}).",
        "Column “{name}” appears twice (also {other}).",
    ),
    "unknown_column": (
        "Kolonnas virsraksts “{name}” nav plānošanas reģions, KOPĀ, period, metric, source_url, "
        "source_title vai note.",
        "Column header “{name}” is not a planning region, a total (KOPĀ/Total), period, metric, "
        "source_url, source_title or note.",
    ),
    "unexpected_column": (
        "Garajā formā reģionu norāda kolonnā region, nevis kā kolonnu “{name}”.",
        "In the long layout the region goes in the region column, not in a column “{name}”.",
    ),
    "unlabelled_column": (
        "Kolonnā ir dati, bet nav virsraksta.",
        "The column has data but no header.",
    ),
    "ignored_column": (
        "Kolonna “{name}” netiek izmantota un tika ignorēta.",
        "Column “{name}” is not used and was ignored.",
    ),
    "rows_above_header": (
        "Rindas virs galvenes ({rows}) tika ignorētas.",
        "The rows above the header ({rows}) were ignored.",
    ),
    "sheet_used": (
        "Darbgrāmatā ir vairākas lapas un nav lapas “dati”; nolasīta pirmā lapa “{sheet}”.",
        "The workbook has several sheets and none named “data”; the first sheet “{sheet}” was "
        "read.",
    ),
    "extension_mismatch": (
        "Faila nosaukums beidzas ar “{ext}”, bet saturs ir {kind}; fails nolasīts kā {kind}.",
        "The file name ends in “{ext}” but the content is {kind}; it was read as {kind}.",
    ),
    "ignored_row": (
        "Rinda bez skaitļiem tika ignorēta: “{text}”.",
        "A row without numbers was ignored: “{text}”.",
    ),
    # --- cells -----------------------------------------------------------------------------
    "formula": (
        "Šūnā ir formula ({formula}). Formulas netiek aprēķinātas: ielīmējiet vērtības, nevis "
        "formulas.",
        "The cell holds a formula ({formula}). Formulas are never evaluated: paste values, not "
        "formulas.",
    ),
    "cell_error": (
        "Šūnā ir Excel kļūdas vērtība {value}.",
        "The cell holds the Excel error value {value}.",
    ),
    "missing_period": (
        "Nav norādīts periods.",
        "The period is missing.",
    ),
    "unknown_period": (
        "Periods “{value}” nav atpazīts. Piemēri: 2024-Q3, 2024-H1, 2024, 2018-03..2018-12, "
        "2024. gada 3. ceturksnis, 2018.gads (mar.-dec.).",
        "Period “{value}” is not recognised. Examples: 2024-Q3, 2024-H1, 2024, "
        "2018-03..2018-12, 2024 Q3, 2018 (Mar–Dec).",
    ),
    "date_as_period": (
        "Periods ir Excel datums ({value}), nevis teksts. Formatējiet šūnu kā tekstu un "
        "ierakstiet, piem., 2024-Q3.",
        "The period is an Excel date ({value}), not text. Format the cell as text and type e.g. "
        "2024-Q3.",
    ),
    "period_code_conflict": (
        "Perioda kods {period} datubāzē jau ir ar citiem datumiem ({start} – {end}).",
        "Period code {period} already exists in the database with other dates ({start} – {end}).",
    ),
    "future_period": (
        "Periods {period} beidzas {end}, nākotnē (šodien ir {today}).",
        "Period {period} ends on {end}, in the future (today is {today}).",
    ),
    "missing_region": (
        "Nav norādīts reģions.",
        "The region is missing.",
    ),
    "unknown_region": (
        "Reģions “{value}” nav atpazīts. Derīgi: {valid}.",
        "Region “{value}” is not recognised. Valid: {valid}.",
    ),
    "missing_metric": (
        "Nav norādīts rādītājs.",
        "The metric is missing.",
    ),
    "unknown_metric": (
        "Rādītājs “{value}” nav atpazīts. Derīgi: {valid}.",
        "Metric “{value}” is not recognised. Valid: {valid}.",
    ),
    "empty_value": (
        "Vērtība ir tukša; ierakstiet veselu skaitli ≥ 0 vai izņemiet šo rindu/kolonnu.",
        "The value is empty; enter a whole number ≥ 0 or remove this row/column.",
    ),
    "not_integer": (
        "Vērtība “{value}” nav vesels skaitlis.",
        "Value “{value}” is not a whole number.",
    ),
    "negative": (
        "Vērtība {value} ir negatīva; skaitam jābūt ≥ 0.",
        "Value {value} is negative; a count must be ≥ 0.",
    ),
    "too_large": (
        "Vērtība {value} ir pārāk liela.",
        "Value {value} is too large.",
    ),
    "total_mismatch": (
        "KOPĀ ir {total}, bet reģionu summa ir {sum}.",
        "The total is {total} but the regions add up to {sum}.",
    ),
    "total_not_checked": (
        "KOPĀ netika pārbaudīts, jo failā nav visu reģionu ({missing}).",
        "The total was not checked because not every region is in the file ({missing}).",
    ),
    "bad_url": (
        "Avota adrese “{value}” nav http(s) URL.",
        "Source address “{value}” is not an http(s) URL.",
    ),
    "too_long": (
        "Teksts ir pārāk garš ({length} rakstzīmes; atļauts {limit}).",
        "The text is too long ({length} characters; the limit is {limit}).",
    ),
    # --- rows against each other and against published data ---------------------------------
    "duplicate": (
        "Periods {period}, reģions {region}, rādītājs {metric} failā ir vēlreiz (jau {first}. "
        "rindā).",
        "Period {period}, region {region}, metric {metric} appears again (already in row {first}).",
    ),
    "overlap_in_file": (
        "Periods {period} pārklājas ar periodu {other} ({other_row}. rindā) tam pašam reģionam "
        "({region}) un rādītājam ({metric}).",
        "Period {period} overlaps period {other} (row {other_row}) for the same region ({region}) "
        "and metric ({metric}).",
    ),
    "families_gt_people": (
        "Ģimeņu ({families}) ir vairāk nekā cilvēku ({people}): reģions {region}, periods "
        "{period}{where_lv}.",
        "More families ({families}) than people ({people}): region {region}, period "
        "{period}{where_en}.",
    ),
    "already_published": (
        "Periodam {period}, reģionam {region}, rādītājam {metric} jau publicēts {old} (laidiens "
        "{release}); failā ir {new}. Lai aizstātu, izvēlieties “aizstāt”.",
        "Period {period}, region {region}, metric {metric} is already published as {old} "
        "(release {release}); the file has {new}. To supersede it, choose “replace”.",
    ),
    "overlap": (
        "Periods {period} pārklājas ar publicēto periodu {other} (reģions {region}, rādītājs "
        "{metric}, vērtība {old}, laidiens {release}). Lai aizstātu, izvēlieties “aizstāt”.",
        "Period {period} overlaps the published period {other} (region {region}, metric "
        "{metric}, value {old}, release {release}). To supersede it, choose “replace”.",
    ),
    "unchanged": (
        "Nemainīts: {period}, {region}, {metric} = {value} jau publicēts (laidiens {release}).",
        "Unchanged: {period}, {region}, {metric} = {value} is already published (release "
        "{release}).",
    ),
    "supersedes": (
        "Tiks aizstāts publicētais {other}, {region}, {metric} = {old} (laidiens {release}); "
        "tas paliks vēsturē.",
        "Will supersede the published {other}, {region}, {metric} = {old} (release {release}); "
        "it stays in the history.",
    ),
}


def make_issue(
    code: str, row: int | None = None, column: str | None = None, **params: Any
) -> Issue:
    """Build an :class:`Issue` from the message table; ``params`` fill both languages."""
    lv, en = MESSAGES[code]
    return Issue(
        row=row,
        column=column,
        code=code,
        message_lv=lv.format(**params),
        message_en=en.format(**params),
    )


def human_size(size: int) -> str:
    """``5242880`` → ``"5 MB"``: limits are configured in bytes but read by people."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".") + " MB"
    if size >= 1024:
        return f"{size / 1024:.1f}".rstrip("0").rstrip(".") + " KB"
    return f"{size} B"
