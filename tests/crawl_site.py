"""A small fake government site on 127.0.0.1 for the crawler tests, with a request log.

It serves GBK and UTF-8 pages, two list pages, a PDF and a DOCX attachment, a redirect, 404/500,
a slow page, an oversized page, a page that drips one byte at a time under a Content-Length, redirects
to file: and javascript: URLs, a robots.txt disallow, duplicate content, a page that changes between
runs, and an optional "gate" page that blocks until the test releases it.
"""
from __future__ import annotations

import hashlib
import io
import threading
import time
import zipfile
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

LAST_MODIFIED = formatdate(1_700_000_000, usegmt=True)
SLOW_SECONDS = 1.0
BIG_BYTES = 300_000
DRIP_BYTES = 2_000       # announced in Content-Length, then sent one byte at a time
DRIP_SECONDS = 0.02      # between bytes: each read succeeds, the whole body would take 40 s

LIST1_ITEMS = [
    ("/n/utf8.html", "关于做好2024年养老服务工作的通知", "2024-03-01"),
    ("/n/gbk.html", "关于进一步加强社会救助工作的意见", "2024年3月5日"),
    ("/n/redirect.html", "关于印发城乡社区建设实施方案的通知", "2024-02-20"),
    ("/n/missing.html", "社会组织登记管理办法", "2024-02-10"),
    ("/n/broken.html", "关于表彰民政系统先进集体的决定", "2024-02-01"),
    ("/n/slow.html", "养老机构等级评定实施细则", "2024-01-20"),
    ("/private/secret.html", "内部工作通知（不公开）", "2024-01-15"),
    ("/n/offsite.html", "关于转发上级部门文件的通知", "2024-01-10"),
    ("http://example.invalid/elsewhere.html", "外部网站转载的通知", "2024-01-05"),
    ("/n/old.html", "关于做好2019年度救灾工作的通知", "2019-05-01"),
]
LIST2_ITEMS = [
    ("/n/big.html", "关于公布全省社会组织名录的通知", "2024-03-10"),
    ("/n/dup-a.html", "关于做好冬春救助工作的通知", "2024-03-11"),
    ("/n/dup-b.html", "关于做好冬春救助工作的通知（转载）", "2024-03-11"),
    ("/n/changing.html", "关于调整最低生活保障标准的通知", "2024-03-12"),
    ("/n/gate.html", "关于延期执行养老补贴政策的决定", "2024-03-13"),
]


def _list_page(items: list[tuple[str, str, str]], next_href: str | None, charset: str) -> str:
    lis = "\n".join(f'<li><a href="{href}" title="{title}">{title}</a><span class="date">{day}</span></li>'
                    for href, title, day in items)
    nxt = f'<div class="page"><a href="{next_href}">下一页</a></div>' if next_href else ""
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>政策文件</title></head><body>'
            f'<div class="nav"><a href="/list/notices.html">通知公告</a> <a href="/about.html">机构概况</a></div>'
            f'<ul class="list">\n{lis}\n</ul>{nxt}</body></html>')


def _notice(title: str, body: str, extra: str = "", charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<h1>{title}</h1><div class="info">发布日期：<span class="date">2024-03-01</span></div>'
            f'<div class="content"><p>{body}</p>{extra}</div></body></html>')


def make_pdf() -> bytes:
    """A one-page PDF with Chinese text (reportlab's built-in CID font, no font files needed)."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFont("STSong-Light", 14)
    c.drawString(72, 760, "附件：养老服务设施建设实施方案")
    c.drawString(72, 730, "到2025年底，全省养老机构护理型床位占比达到60%以上。")
    c.showPage()
    c.save()
    return buf.getvalue()


def make_docx() -> bytes:
    """A minimal DOCX (just enough parts to be recognised as a Word document)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/'
                   'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.'
                   'org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>申请表</w:t></w:r></w:p></w:body>'
                   '</w:document>')
    return buf.getvalue()


@dataclass
class Resource:
    body: bytes
    content_type: str
    etag: bool = False
    last_modified: bool = False


@dataclass
class LogEntry:
    path: str
    headers: dict[str, str]
    status: int | None = None


@dataclass
class FakeSite:
    """Start with `with FakeSite() as site:`; `site.url(path)` gives absolute URLs."""

    version: int = 1
    robots: str = "User-agent: *\nDisallow: /private/\n"
    robots_status: int = 200
    gate: threading.Event | None = None
    gate_reached: threading.Event = field(default_factory=threading.Event)
    log: list[LogEntry] = field(default_factory=list)
    dripped: int = 0
    pdf: bytes = field(default_factory=make_pdf)
    docx: bytes = field(default_factory=make_docx)
    _server: Any = None

    def __enter__(self) -> FakeSite:
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                site._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._server.handle_error = lambda *a: None
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.gate is not None:
            self.gate.set()
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def requests_for(self, path: str) -> list[LogEntry]:
        return [e for e in self.log if e.path == path]

    def resources(self) -> dict[str, Resource]:
        html = "text/html; charset=utf-8"
        dup = _notice("关于做好冬春救助工作的通知", "各市民政局：请做好冬春期间困难群众救助工作，确保群众温暖过冬。")
        return {
            "/robots.txt": Resource(self.robots.encode(), "text/plain"),
            "/list/index.html": Resource(_list_page(LIST1_ITEMS, "index_1.html", "utf-8").encode(), html, etag=True),
            "/list/index_1.html": Resource(_list_page(LIST2_ITEMS, None, "gbk").encode("gbk"),
                                           "text/html; charset=gbk", etag=True),
            "/n/utf8.html": Resource(_notice(
                "关于做好2024年养老服务工作的通知", "到2024年底，每个县至少建成1所县级特困人员供养服务设施。",
                '<p><a href="/files/attach.pdf">附件1：养老服务设施建设实施方案.pdf</a></p>'
                '<p><a href="/files/scan?id=2">附件2：扫描件</a></p>').encode(), html, etag=True),
            "/n/gbk.html": Resource(_notice(
                "关于进一步加强社会救助工作的意见", "2024年6月底前完成低保对象动态核查，核查率达到100%。",
                '<p><a href="/files/form.docx">附件：救助申请表</a></p>', "gbk").encode("gbk"),
                "text/html; charset=gbk"),
            "/n/moved.html": Resource(_notice(
                "关于印发城乡社区建设实施方案的通知", "到2025年，城市社区综合服务设施覆盖率达到100%。").encode(),
                html, last_modified=True),
            "/n/old.html": Resource(_notice("关于做好2019年度救灾工作的通知", "做好2019年度救灾工作。").encode(),
                                    html, etag=True),
            "/n/dup-a.html": Resource(dup.encode(), html),
            "/n/dup-b.html": Resource(dup.encode(), html),
            "/n/changing.html": Resource(_notice(
                "关于调整最低生活保障标准的通知", f"城市低保标准调整为每人每月{800 + self.version * 50}元（第{self.version}版）。"
            ).encode(), html, etag=True),
            "/n/gate.html": Resource(_notice("关于延期执行养老补贴政策的决定", "养老补贴政策延期至2025年12月31日。"
                                             ).encode(), html, etag=True),
            "/private/secret.html": Resource(_notice("内部工作通知", "不应被抓取。").encode(), html),
            "/files/attach.pdf": Resource(self.pdf, "application/pdf", last_modified=True),
            "/files/form.docx": Resource(self.docx, "application/octet-stream", etag=True),
            "/files/scan?id=2": Resource(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "application/octet-stream"),
        }

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        entry = LogEntry(h.path, dict(h.headers.items()))
        self.log.append(entry)

        def send(status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            entry.status = status
            h.send_response(status)
            for k, v in (headers or {}).items():
                h.send_header(k, v)
            if "Content-Length" not in (headers or {}) and status != 304:
                h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)

        try:
            if h.path == "/robots.txt" and self.robots_status != 200:
                return send(self.robots_status, b"unavailable")
            if h.path == "/n/redirect.html":
                return send(302, headers={"Location": "/n/moved.html"})
            if h.path == "/n/offsite.html":
                return send(302, headers={"Location": "http://example.invalid/taken.html"})
            if h.path == "/n/to-file.html":
                return send(302, headers={"Location": "file:///etc/passwd"})
            if h.path == "/n/to-js.html":
                return send(302, headers={"Location": "javascript:alert(document.cookie)"})
            if h.path == "/n/drip.html":
                entry.status = 200
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.send_header("Content-Length", str(DRIP_BYTES))
                h.end_headers()
                for _ in range(DRIP_BYTES):
                    h.wfile.write(b"x")
                    h.wfile.flush()
                    self.dripped += 1
                    time.sleep(DRIP_SECONDS)
                return None
            if h.path == "/n/broken.html":
                return send(500, b"server error")
            if h.path == "/n/slow.html":
                time.sleep(SLOW_SECONDS)
                return send(200, _notice("慢", "慢").encode(), {"Content-Type": "text/html; charset=utf-8"})
            if h.path == "/n/big.html":
                entry.status = 200
                h.send_response(200)
                h.send_header("Content-Type", "text/html; charset=utf-8")
                h.end_headers()
                chunk = ("<p>" + "社会组织名录" * 100 + "</p>").encode()
                for _ in range(BIG_BYTES // len(chunk) + 1):
                    h.wfile.write(chunk)
                return None
            if h.path == "/n/gate.html" and self.gate is not None:
                self.gate_reached.set()
                self.gate.wait(10)
            res = self.resources().get(h.path)
            if res is None:
                return send(404, b"not found", {"Content-Type": "text/html"})
            headers = {"Content-Type": res.content_type}
            if res.etag:
                headers["ETag"] = '"' + hashlib.md5(res.body).hexdigest() + '"'
                if h.headers.get("If-None-Match") == headers["ETag"]:
                    return send(304, headers={"ETag": headers["ETag"]})
            if res.last_modified:
                headers["Last-Modified"] = LAST_MODIFIED
                if h.headers.get("If-Modified-Since") == LAST_MODIFIED:
                    return send(304)
            return send(200, res.body, headers)
        except (BrokenPipeError, ConnectionResetError):
            return None
