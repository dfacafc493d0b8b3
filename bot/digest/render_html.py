"""The bulletin as one self-contained HTML file (charts embedded), for the provincial portal and for reading on
screen. Every text is escaped."""

from __future__ import annotations

import base64
from html import escape
from pathlib import Path

from bot.digest.document import MOTTO, Block, Document, Heading, Image, Inline, Link, Paragraph, Table

STYLE = """
body { font-family: "Times New Roman", "Liberation Serif", serif; font-size: 13pt; max-width: 20cm; margin: 2cm auto;
       line-height: 1.4; color: #000; }
.frame { display: flex; justify-content: space-between; text-align: center; }
.frame div { width: 48%; } .frame p { margin: 0; } .agency, .motto { font-weight: bold; }
.title { text-align: center; font-weight: bold; font-size: 14pt; margin: 1.5em 0 0; }
.subtitle { text-align: center; font-style: italic; margin: 0; }
h2 { font-size: 13pt; margin: 1.2em 0 0.4em; }
p.body { text-align: justify; text-indent: 1cm; margin: 0 0 0.4em; }
table.grid { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 12pt; }
table.grid th, table.grid td { border: 1px solid #000; padding: 2px 6px; vertical-align: top; }
figure { text-align: center; margin: 0.6em 0; } figure img { max-width: 100%; }
figcaption { font-style: italic; font-size: 11pt; }
.footer { display: flex; justify-content: space-between; margin-top: 1.5em; }
.recipients { width: 50%; font-size: 11pt; } .recipients p { margin: 0; }
.signer { width: 45%; text-align: center; font-weight: bold; }
.appendix { margin-top: 3em; border-top: 1px dashed #999; padding-top: 1em; }
"""


def _inline(parts: list[Inline]) -> str:
    out = []
    for part in parts:
        if isinstance(part, Link):
            out.append(f'<a href="{escape(part.url, quote=True)}">{escape(part.text)}</a>')
        else:
            out.append(escape(part))
    return "".join(out)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"<h2>{escape(block.text)}</h2>"
    if isinstance(block, Paragraph):
        html = _inline(block.parts)
        if block.bold:
            html = f"<strong>{html}</strong>"
        if block.italic:
            html = f"<em>{html}</em>"
        style = ' style="text-align:center;text-indent:0"' if block.centred else ""
        return f'<p class="body"{style}>{html}</p>'
    if isinstance(block, Table):
        head = "".join(f"<th>{escape(h)}</th>" for h in block.header)
        rows = "".join("<tr>" + "".join(f"<td>{_inline([cell])}</td>" for cell in row) + "</tr>" for row in block.rows)
        return f'<table class="grid"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'
    if isinstance(block, Image):
        data = base64.b64encode(block.png).decode("ascii")
        return (f'<figure><img alt="{escape(block.title, quote=True)}" src="data:image/png;base64,{data}">'
                f"<figcaption>{escape(block.title)}</figcaption></figure>")
    raise TypeError(f"unknown block {type(block).__name__}")


def render_html(document: Document) -> str:
    f = document.frame
    parts = [
        "<!DOCTYPE html>", '<html lang="vi"><head><meta charset="utf-8">',
        f"<title>{escape(f.title)} {escape(' '.join(f.subtitles))}</title><style>{STYLE}</style></head><body>",
        '<div class="frame"><div>',
        f"<p>{escape(f.parent_agency)}</p><p class=\"agency\">{escape(f.agency)}</p><p>———</p>",
        f"<p>{escape(f.number_line)}</p></div><div>",
        f'<p class="motto">{escape(MOTTO[0])}</p><p class="motto">{escape(MOTTO[1])}</p><p>———————</p>',
        f"<p><em>{escape(f.place_date)}</em></p></div></div>",
        f'<p class="title">{escape(f.title)}</p>',
        *(f'<p class="subtitle">{escape(s)}</p>' for s in f.subtitles),
        *(_block(b) for b in document.body),
        f'<p class="body">{escape(f.closing)}</p>',
        '<div class="footer"><div class="recipients"><p><strong><em>Nơi nhận:</em></strong></p>',
        *(f"<p>- {escape(r)};</p>" for r in f.recipients),
        f"<p>- {escape(f.archive)}</p></div>",
        f'<div class="signer"><p>{escape(f.signer_title)}</p><br><br><br><p>{escape(f.signer_name)}</p></div></div>',
    ]
    if document.appendix:
        parts += ['<div class="appendix">', *(_block(b) for b in document.appendix), "</div>"]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_html(document: Document, path: Path) -> Path:
    path.write_text(render_html(document), encoding="utf-8")
    return path
