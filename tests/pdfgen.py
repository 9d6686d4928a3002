"""Build test PDFs with reportlab's built-in STSong-Light CID font (no font file, no network).

pdfplumber extracts this font's Chinese back exactly (checked over every character in corpora/ except
a few symbols the font lacks: © · » • and private-use characters).
"""
from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))
PAGE_W, PAGE_H = A4

TITLE = "厦门市民政局关于加快推进社区居家养老服务设施建设的通知"
HEADER = "厦门市民政局规范性文件"
ADDRESSEE = "各区民政局，市直有关单位："
PARAGRAPHS = [
    "为贯彻落实国家和省关于加快发展养老服务业的部署要求，进一步完善我市社区居家养老服务网络，"
    "提升老年人获得感和幸福感，经市政府同意，现就加快推进社区居家养老服务设施建设有关事项通知如下。",
    "（一）工作目标。到2025年底，全市每个街道至少建成1所具备综合功能的社区养老服务照料中心，"
    "社区居家养老服务设施覆盖率达到100%，护理型床位占比不低于55%，"
    "培训养老护理员不少于3000人次，基本形成以居家为基础、社区为依托、机构为补充的养老服务体系。",
    "（二）基本原则。坚持政府主导与社会参与相结合，坚持统筹规划与分步实施相结合，"
    "坚持补齐短板与提升质量相结合，充分发挥市场在资源配置中的决定性作用，"
    "鼓励社会力量通过公建民营、民办公助等方式参与设施建设和运营管理，形成多元供给格局。",
    "各区要结合城市更新和老旧小区改造，统筹利用闲置校舍、厂房、办公用房等存量资源，"
    "优先改造为社区养老服务设施；新建住宅小区要按照每百户不低于20平方米的标准配套建设养老服务用房，"
    "并与住宅同步规划、同步建设、同步验收、同步交付使用，不得挪作他用。",
    "市财政每年安排专项资金不少于5000万元，对新建和改造的社区养老服务设施给予一次性建设补助，"
    "对运营情况良好、服务质量达标的机构按照服务人次给予运营补贴，具体办法由市民政局会同市财政局另行制定。",
    "各区各有关部门要高度重视社区居家养老服务设施建设工作，把它作为保障和改善民生的重要任务，"
    "纳入本地区经济社会发展规划和年度工作计划，明确责任分工，细化工作措施，确保各项目标任务按期完成。",
    "市民政局将会同有关部门建立工作推进机制，定期对各区工作进展情况进行督查通报，"
    "对工作推进不力、未按期完成任务的区进行约谈，督查结果纳入年度绩效考评。",
    "各区要建立健全社区养老服务设施建设项目库，实行清单化管理、项目化推进，"
    "每季度向市民政局报送建设进度，市民政局汇总后报市政府；对列入年度计划的项目，"
    "各有关部门要开辟绿色通道，简化审批流程，压缩办理时限，原则上在20个工作日内完成审批。",
    "要加强宣传引导，充分利用报刊、广播、电视和新媒体等渠道，广泛宣传社区居家养老服务政策措施和典型经验，"
    "营造全社会关心支持养老服务事业发展的良好氛围。",
]
HEADINGS = ["一、总体要求", "二、重点任务", "三、保障措施"]
TABLE = [
    ["任务", "牵头单位", "责任单位"],
    ["建设街道综合养老服务照料中心", "市民政局", "各区人民政府、市财政局、市自然资源和规划局"],
    ["培训养老护理员", "市人力资源和社会保障局", "市民政局"],
    ["落实建设运营补贴", "市财政局", "市民政局、各区人民政府"],
]
SIGNATURE = "厦门市民政局"
DATE = "2021年3月1日"
CC = "抄送：市委办公厅，市人大常委会办公厅，市政协办公厅，市中级人民法院，市人民检察院。"
PRINTED = "厦门市民政局办公室　　　　　　　2021年3月1日印发"


def cells(s: str) -> float:
    """Printed width in CJK cells (em units of the font), so wrapped lines really fill the measure."""
    return pdfmetrics.stringWidth(s, FONT, 1000) / 1000


def wrap(text: str, width: float, first_indent: float = 0) -> list[str]:
    """Break text into lines of at most `width` cells, the first line narrower by the indent."""
    lines, cur, used, limit = [], "", 0.0, width - first_indent
    for ch in text:
        w = cells(ch)
        if cur and used + w > limit:
            lines.append(cur)
            cur, used, limit = "", 0.0, width
        cur, used = cur + ch, used + w
    return lines + [cur] if cur else lines


class Writer:
    """A tiny typesetter: wrapped paragraphs, grid tables, running header and `- N -` footers."""

    def __init__(self, width_cells: float = 32, size: float = 14, header: str | None = None,
                 encrypt: StandardEncryption | None = None, leading: float = 1.6) -> None:
        self.buf = io.BytesIO()
        self.c = canvas.Canvas(self.buf, pagesize=A4, encrypt=encrypt)
        self.width, self.size, self.header, self.leading = width_cells, size, header, leading
        self.left = (PAGE_W - width_cells * size) / 2
        self.page = 0
        self._start_page()

    def _start_page(self) -> None:
        self.page += 1
        self.y = PAGE_H - 90
        if self.header:
            self.c.setFont(FONT, 10)
            self.c.drawCentredString(PAGE_W / 2, PAGE_H - 50, self.header)

    def _end_page(self) -> None:
        self.c.setFont(FONT, 11)
        self.c.drawCentredString(PAGE_W / 2, 40, f"- {self.page} -")
        self.c.showPage()

    def _room(self, height: float) -> None:
        if self.y - height < 70:
            self._end_page()
            self._start_page()

    def line(self, text: str, size: float | None = None, align: str = "left", indent: float = 0) -> None:
        size = size or self.size
        self._room(size * self.leading)
        self.c.setFont(FONT, size)
        x = self.left + indent * self.size
        if align == "center":
            self.c.drawCentredString(PAGE_W / 2, self.y - size, text)
        elif align == "right":
            self.c.drawRightString(self.left + self.width * self.size, self.y - size, text)
        else:
            self.c.drawString(x, self.y - size, text)
        self.y -= size * self.leading

    def paragraph(self, text: str, indent: float = 2) -> None:
        for n, part in enumerate(wrap(text, self.width, indent)):
            self.line(part, indent=indent if n == 0 else 0)

    def table(self, rows: list[list[str]], col_cells: list[float], size: float = 11) -> None:
        widths = [w * size for w in col_cells]
        for row in rows:
            wrapped = [wrap(text, w - 1) for text, w in zip(row, col_cells)]
            height = max(len(w) for w in wrapped) * size * 1.4 + size * 0.6
            self._room(height)
            x = self.left
            self.c.setFont(FONT, size)
            for parts, w in zip(wrapped, widths):
                self.c.rect(x, self.y - height, w, height)
                for k, part in enumerate(parts):
                    self.c.drawString(x + size / 2, self.y - size * (1.3 + 1.4 * k), part)
                x += w
            self.y -= height
        self.y -= self.size

    def finish(self) -> bytes:
        self._end_page()
        self.c.save()
        return self.buf.getvalue()


def notice_pdf(encrypt: StandardEncryption | None = None) -> bytes:
    """A notice of three or more pages with every piece of page furniture the reader must undo."""
    w = Writer(width_cells=30, header=HEADER, encrypt=encrypt, leading=2.0)
    for part in wrap(TITLE, 20):
        w.line(part, size=20, align="center")
    w.line("厦民〔2021〕5号", align="center")
    w.paragraph(ADDRESSEE, indent=0)
    w.paragraph(PARAGRAPHS[0])
    w.paragraph(HEADINGS[0])
    w.paragraph(PARAGRAPHS[1])
    w.paragraph(PARAGRAPHS[2])
    w.paragraph(HEADINGS[1])
    w.paragraph(PARAGRAPHS[3])
    w.paragraph(PARAGRAPHS[4])
    w.table(TABLE, [10, 9, 11])
    w.paragraph(HEADINGS[2])
    w.paragraph(PARAGRAPHS[5])
    w.paragraph(PARAGRAPHS[6])
    w.paragraph(PARAGRAPHS[7])
    w.paragraph(PARAGRAPHS[8])
    w.y -= 20
    w.line(SIGNATURE, align="right")
    w.line(DATE, align="right")
    w.y -= 20
    w.paragraph(CC, indent=0)
    w.line(PRINTED)
    return w.finish()


def text_to_pdf(text: str) -> bytes:
    """Lay out a plain-text notice: one paragraph per non-empty input line, first line indented."""
    w = Writer(width_cells=32)
    for raw in text.splitlines():
        line = raw.replace("\xa0", " ").strip()
        if line:
            w.paragraph(line, indent=2 if raw[:1].isspace() else 0)
    return w.finish()


def image_only_pdf() -> bytes:
    """A 'scan': one page with a filled shape and no text objects at all."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    c.setFillGray(0.5)
    c.rect(100, 300, 400, 400, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()
