"""Hostile files made in the test itself, small on disk: spreadsheets written as XML by hand (a
far cell costs only its bytes), and zip and gzip bombs of zeros."""

from __future__ import annotations

import gzip
import io
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def xlsx(sheet_data: bytes, name: str = "Payments") -> bytes:
    """A workbook of one sheet whose <sheetData> is `sheet_data`."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats'
            '-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
            'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
            '.worksheet+xml"/></Types>',
        )
        book.writestr(
            "_rels/.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{DOCUMENT}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="{DOCUMENT}"><sheets>'
            f'<sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        book.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0"?><Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" '
            f'Type="{DOCUMENT}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        book.writestr(
            "xl/worksheets/sheet1.xml",
            f'<?xml version="1.0"?><worksheet xmlns="{MAIN}"><sheetData>'.encode()
            + sheet_data
            + b"</sheetData></worksheet>",
        )
    return out.getvalue()


def text_cell(ref: str, value: str) -> bytes:
    return f'<c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c>'.encode()


def number_cell(ref: str, value: float) -> bytes:
    return f'<c r="{ref}"><v>{value}</v></c>'.encode()


def payments_header(row: int = 1) -> bytes:
    cells = b"".join(
        text_cell(f"{column}{row}", name)
        for column, name in zip("ABC", ["Supplier Name", "Net Amount", "Payment Date"], strict=True)
    )
    return f'<row r="{row}">'.encode() + cells + b"</row>"


# The file of the issue: a header, and one far cell at the very end of a sheet.
FAR_CELL = xlsx(payments_header() + b'<row r="1048576">' + number_cell("XFD1048576", 1) + b"</row>")


def ods(table: bytes, name: str = "Payments") -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
        book.writestr(
            "content.xml",
            b'<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:'
            b'opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:'
            b'table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
            b'office:version="1.2"><office:body><office:spreadsheet><table:table table:name="'
            + name.encode()
            + b'">'
            + table
            + b"</table:table></office:spreadsheet></office:body></office:document-content>",
        )
    return out.getvalue()


def ods_cell(value: str, repeated: int = 1) -> bytes:
    return (
        f'<table:table-cell table:number-columns-repeated="{repeated}" '
        f'office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    ).encode()


def zeros_zip(members: int, size: int, name: str = "payments-{n}.csv") -> bytes:
    """A zip of `members` files of `size` bytes each: a CSV header, then lines of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for n in range(members):
            with archive.open(name.format(n=n), "w") as member:
                _zeros(member, size)
    return out.getvalue()


def zeros_gzip(size: int) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as member:
        _zeros(member, size)
    return out.getvalue()


def _zeros(stream, size: int) -> None:
    header = b"Supplier Name,Net Amount,Payment Date\n"
    stream.write(header)
    block = (b"0" * 1023 + b"\n") * 1024  # lines of zeros: a table of one column, 1 MB
    left = size - len(header)
    while left > 0:
        stream.write(block[:left])
        left -= len(block)
