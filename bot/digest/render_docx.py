"""DOCX in the layout of an administrative document (Nghị định 30/2020/NĐ-CP): A4, Times New Roman, the agency and
the national motto side by side, number and date left blank for the clerk, the title, the body, then "Nơi nhận"
beside the signer, and the appendix on a new page."""

from __future__ import annotations

import io
from pathlib import Path

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from bot.digest.document import MOTTO, Block, Document, Heading, Image, Inline, Link, Paragraph, Table

FONT = "Times New Roman"
SIZE = Pt(13)


def _fonts(run_properties) -> None:
    fonts = run_properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        run_properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), FONT)


def _setup(doc) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name, style.font.size = FONT, SIZE
        _fonts(style.element.get_or_add_rPr())


def _run(paragraph, text: str, *, bold=False, italic=False, size: Pt | None = None):
    run = paragraph.add_run(text)
    run.bold, run.italic = bold or None, italic or None
    run.font.name = FONT
    _fonts(run._element.get_or_add_rPr())
    if size is not None:
        run.font.size = size
    return run


def _hyperlink(paragraph, link: Link, size: Pt | None = None) -> None:
    rel_id = paragraph.part.relate_to(link.url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    element = OxmlElement("w:hyperlink")
    element.set(qn("r:id"), rel_id)
    run = _run(paragraph, link.text, size=size)
    run.font.color.rgb = RGBColor(0x1F, 0x4E, 0x99)
    run.font.underline = True
    element.append(run._element)
    paragraph._p.append(element)


def _inline(paragraph, parts: list[Inline], *, bold=False, italic=False, size: Pt | None = None) -> None:
    for part in parts:
        if isinstance(part, Link):
            _hyperlink(paragraph, part, size)
        else:
            _run(paragraph, part, bold=bold, italic=italic, size=size)


def _widths(table, widths_cm: list[float]) -> None:
    """Fixed column widths (Word reads the cells, LibreOffice the grid: set both)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
        for cell in column.cells:
            cell.width = Cm(width)


def _line(cell_or_doc, text: str, *, bold=False, italic=False, size: Pt | None = None, centred=True, first=False):
    paragraph = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, bold=bold, italic=italic, size=size)
    return paragraph


def _header(doc, document: Document) -> None:
    f = document.frame
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, [6.0, 10.5])
    left, right = table.rows[0].cells
    _line(left, f.parent_agency, size=Pt(12), first=True)
    _line(left, f.agency, bold=True, size=Pt(12))
    _line(left, "———", size=Pt(10))
    _line(left, f.number_line)
    _line(right, MOTTO[0], bold=True, size=Pt(12), first=True)
    _line(right, MOTTO[1], bold=True)
    _line(right, "———————", size=Pt(10))
    _line(right, f.place_date, italic=True)
    doc.add_paragraph()
    _line(doc, f.title, bold=True, size=Pt(14))
    for subtitle in f.subtitles:
        _line(doc, subtitle, italic=True)
    doc.add_paragraph()


def _table(doc, block: Table) -> None:
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = doc.styles["Table Grid"]
    if block.widths:
        _widths(table, block.widths)
    for cells, values, header in [(table.rows[0].cells, block.header, True)] + \
            [(table.rows[i + 1].cells, row, False) for i, row in enumerate(block.rows)]:
        for cell, value in zip(cells, values):
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            _inline(paragraph, value if isinstance(value, list) else [value], bold=header, size=Pt(12))
    doc.add_paragraph()


def _block(doc, block: Block) -> None:
    if isinstance(block, Heading):
        paragraph = doc.add_paragraph()
        paragraph.paragraph_format.space_before = Pt(6)
        _run(paragraph, block.text, bold=True)
    elif isinstance(block, Paragraph):
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if block.centred else WD_ALIGN_PARAGRAPH.JUSTIFY
        if not block.centred:
            paragraph.paragraph_format.first_line_indent = Cm(1)
        paragraph.paragraph_format.space_after = Pt(6)
        _inline(paragraph, block.parts, bold=block.bold, italic=block.italic)
    elif isinstance(block, Table):
        _table(doc, block)
    elif isinstance(block, Image):
        doc.add_picture(io.BytesIO(block.png), width=Cm(16))
        doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _line(doc, block.title, italic=True, size=Pt(11))


def _footer(doc, document: Document) -> None:
    f = document.frame
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.first_line_indent = Cm(1)
    _run(paragraph, f.closing)
    table = doc.add_table(rows=1, cols=2)
    _widths(table, [8.5, 8.0])
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # recipients and signer stay together
    left, right = table.rows[0].cells
    _line(left, "Nơi nhận:", bold=True, italic=True, size=Pt(12), centred=False, first=True)
    for recipient in f.recipients:
        _line(left, f"- {recipient};", size=Pt(11), centred=False)
    _line(left, f"- {f.archive}", size=Pt(11), centred=False)
    _line(right, f.signer_title, bold=True, first=True)
    for _ in range(4):
        _line(right, "")
    _line(right, f.signer_name, bold=True)


def write_docx(document: Document, path: Path) -> Path:
    doc = new_docx()
    _setup(doc)
    _header(doc, document)
    for block in document.body:
        _block(doc, block)
    _footer(doc, document)
    if document.appendix:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        for block in document.appendix:
            _block(doc, block)
    doc.save(str(path))
    return path
