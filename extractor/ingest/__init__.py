"""Readers: bytes of a text, HTML, PDF or DOCX file -> RawDocument."""
