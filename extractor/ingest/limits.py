"""Size limits per format, checked before the expensive step: a hostile or freak document becomes one clear
error record instead of minutes of work and gigabytes of memory.

Measured on the corpora (seeds replicated): extracting 1 M characters peaks at about 410 MiB, 2 M at about
560 MiB, 6 M at 1.3 GB; the longest real notice in corpora/ is under 60 000 characters. A DOCX's XML is
parsed whole by python-docx (several times its size in memory), and a PDF page costs a few MiB while it is
read, so pages are read one at a time and released.
"""
from __future__ import annotations

MIB = 1024 * 1024
# Characters of text a document may have after reading (any format).
MAX_TEXT_CHARS = 2_000_000
# Inflated size of a DOCX's XML parts (what python-docx parses) and of all its parts (what it loads).
MAX_DOCX_XML_BYTES = 50 * MIB
MAX_DOCX_PARTS_BYTES = 200 * MIB
# Pages a PDF may have (counted one page-tree node at a time, never all pages at once).
MAX_PDF_PAGES = 300
# Bytes all of a PDF's flate streams may inflate to, counted as they come out of zlib, whatever the PDF declares.
MAX_PDF_INFLATED_BYTES = 128 * MIB
# Segmentation works on paragraph-aligned sections of about this many characters.
SECTION_CHARS = 100_000
# A record's evidence: the whole sentence up to this many characters; past it, a window of EVIDENCE_CONTEXT
# characters either side of the value (its offsets still point into the notice's text), so a sentence of
# thousands of values does not repeat itself in every record (2,000 x 24,000 characters was 81 MB of JSON).
MAX_SENTENCE_CHARS = 2_000
EVIDENCE_CONTEXT = 200
# Memory a worker process may hold (RLIMIT_DATA: heap and private mappings), in MiB; past it an allocation
# fails and the document becomes an "out of memory" error record instead of the machine swapping. A loaded
# worker holds about 190 MiB; the longest document allowed (MAX_TEXT_CHARS) peaks near 600 MiB.
# NOTICE_EXTRACT_WORKER_MEMORY (MiB, 0 for none) overrides it.
WORKER_MEMORY_MIB = 1024
