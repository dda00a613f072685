from datetime import date, datetime

import openpyxl
import xlsxwriter

from pnet.safe_xlsx import write_sheet
from pnet.untrusted import markdown_cell


def test_untrusted_strings_never_become_formulas_and_types_are_kept(tmp_path):
    path = tmp_path / "x.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    write_sheet(wb, "Blad", ["tekst", "getal", "datum", "leeg"],
                [['=HYPERLINK("http://x","y")', 12.5, date(2027, 1, 15), None], ["@SUM(A1)", 3, None, "gewoon"]])
    wb.close()
    ws = openpyxl.load_workbook(path)["Blad"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows == [["'=HYPERLINK(\"http://x\",\"y\")", 12.5, datetime(2027, 1, 15), None], ["'@SUM(A1)", 3, None, "gewoon"]]
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_markdown_cell_is_one_inert_line():
    assert markdown_cell("a | *b*\n[c](http://x) <script>") == "a \\| \\*b\\* \\[c\\]\\(http://x\\) \\<script\\>"
    assert markdown_cell("x" * 80, width=10) == "xxxxxxxxx…"
    assert markdown_cell(None) == ""
