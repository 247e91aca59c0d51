"""Archive formats: text, HTML e-paper pages, METS/ALTO, PDF and ZIP, all into one article model.

Each module turns one source into pages of the archive (``model.SourcePage``): ``text``
(plain-text pages), ``html`` (数字报 / 电子版 pages), ``alto`` (ALTO pages and METS issues),
``pdf`` (the text layer, one archive page per PDF page), ``archive_zip`` (ZIP archives of any
of these, read safely), ``scans`` (page images stored beside the text). ``dispatch.iter_pages``
is the one entry point: a file in, its pages (or per-page failures) out.

How structured input feeds the article model: when the markup says which text is the headline,
the byline or the body (HTML headings and classes, Founder e-paper tags, METS logical
articles), a ``ParsedPage`` is built directly from those fields (``structured``), so nothing
the markup tells is lost to guessing; the parser's own helpers still read what the markup
leaves in running text (credits, trailing （张鹏）, 下转 markers). Input without such structure
(a PDF's text layer, a plain ALTO page, an HTML page without headings) is rendered as text and
goes through the page parser like a text file.

Metadata precedence: what the user gives > what the document's markup says (meta tags, METS)
> what the page parser reads in the masthead > the file name.
"""
