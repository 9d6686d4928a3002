import re

from extractor.clean.repair import traditional_ratio
from extractor.clean.text import clean, is_furniture
from conftest import seed


def test_offsets_point_back_to_raw_characters():
    raw = "  關於加強網(wǎng)絡建設的通知\n\n各市民政局:\n到２０２５年建成１０個站。\n瀏覽量:12 分享:\n"
    ct = clean(raw)
    assert len(ct.offsets) == len(ct.text)
    assert all(0 <= o < len(raw) for o in ct.offsets)
    assert list(ct.offsets) == sorted(ct.offsets)
    i = ct.text.index("2025")
    assert raw[ct.offsets[i]] == "２"
    j = ct.text.index("网络")
    assert raw[ct.offsets[j]] == "網"


def test_pinyin_glosses_and_traditional_removed_on_hubei_seed():
    ct = clean(seed("002").read_text(encoding="utf-8"))
    assert not re.search(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+\)", ct.text)
    assert "湖北省民政厅关于促进乡镇(街道)社会工作发展的通知" in ct.text
    assert "乡镇" in ct.text and "鄉鎮" not in ct.text
    assert any(w.startswith("pinyin:") for w in ct.warnings)
    assert any(w.startswith("t2s:") for w in ct.warnings)


def test_simplified_text_is_not_converted():
    text = "乾安县民政局要在2021年底前建成3个站。"
    assert traditional_ratio(text) < 0.03
    assert clean(text).text == text


def test_full_width_digits_and_document_number_brackets():
    ct = clean("鄂民发﹝２０２０﹞１４号\n全省ＡＢ类达到５０％")
    assert "鄂民发〔2020〕14号" in ct.text
    assert "AB类达到50%" in ct.text


def test_furniture_lines_dropped_and_content_kept():
    for line in ["浏览量: 次 分享:", "扫描二维码 关注我们", "本文链接://www.x.com/1.html", "赞(0) 打赏",
                 "Copyright © 2018 武汉门户网 鄂ICP备16007396号-6", "首页 > 资讯 > 生活城事", "1614825801741802.png",
                 "编辑:李福滨", "首页 Home 装修 ADORN 旅游 TRIP 美食 FOOD"]:
        assert is_furniture(line), line
    for line in ["各市民政局:", "到2025年,全省社会工作专业人才达到5万人。", "湖北省民政厅", "2021年2月26日"]:
        assert not is_furniture(line), line


def test_lines_broken_mid_sentence_are_joined_but_headings_are_not():
    raw = ("就进一步做好社会工作,乔恒提出,各相关单位、社会组\n\n织要广泛宣传,切实提高认识。\n"
           "到2025年底,实现社会工作服务机构县(市、\n\n区)全覆盖。\n一、加强组织领导\n各地要提高认识。")
    lines = clean(raw).text.split("\n")
    assert lines[0] == "就进一步做好社会工作,乔恒提出,各相关单位、社会组织要广泛宣传,切实提高认识。"
    assert lines[1] == "到2025年底,实现社会工作服务机构县(市、区)全覆盖。"
    assert lines[2] == "一、加强组织领导"


def test_spam_header_dropped():
    ct = clean("欧美日韩精品在线,日韩欧洲在线精品一区,红杏在线观看免费视频\n关于做好养老服务工作的通知")
    assert ct.text == "关于做好养老服务工作的通知"


def test_traditional_gazetteer_names_are_protected():
    ct = clean("吉林省乾安縣民政局關於加強養老服務的通知\n各鄉鎮要在2022年底前建成養老服務站。")
    assert "乾安县民政局关于加强养老服务的通知" in ct.text


def test_control_characters_are_removed_or_made_line_breaks_with_offsets_kept():
    raw = "各市民政局:\n到2025年,全省\x00养老\x1b[31m床位\x0b达到\x7f30万张\x85。\u2028完\x0c毕"
    ct = clean(raw)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", ct.text)
    assert "全省养老[31m床位" in ct.text and "达到30万张" in ct.text
    assert len(ct.offsets) == len(ct.text) and list(ct.offsets) == sorted(ct.offsets)
    assert all(raw[o] == ch for o, ch in zip(ct.offsets, ct.text) if ch != "\n")
    kinds = [(r.kind, r.before) for r in ct.repairs if r.kind == "control"]
    assert ("control", "\x00") in kinds and ("control", "\x0b") in kinds and ("control", "\x1b") in kinds
    assert ct.warnings == ["control: 4 line or page separators made line breaks", "control: 3 runs of control characters removed"]


FLAT = ("扫一扫关注我们 分享到： 关于做好养老服务工作的通知 各市民政局：为做好养老服务工作，现通知如下。"
        "到2025年，全省养老机构护理型床位占比达到55%以上。请各地认真贯彻落实。扫一扫关注我们，获取更多政策。"
        "湖北省民政厅 2021年3月1日 浏览次数：123 打印 关闭窗口")


def test_a_notice_on_one_line_loses_only_its_furniture_phrases():
    ct = clean(FLAT)
    assert ct.text == ("关于做好养老服务工作的通知 各市民政局:为做好养老服务工作,现通知如下。到2025年,全省养老机构护理型床位占比"
                       "达到55%以上。请各地认真贯彻落实。湖北省民政厅 2021年3月1日")
    removed = [r.before.strip() for r in ct.repairs if r.kind == "furniture"]
    assert removed == ["扫一扫关注我们", "分享到:", "扫一扫关注我们,获取更多政策。", "浏览次数:123", "打印", "关闭窗口"]
    assert all(FLAT[r.raw_start:r.raw_end].strip() for r in ct.repairs if r.kind == "furniture")
    assert "boilerplate: 6 furniture phrases removed inside lines that hold a whole notice" in ct.warnings


def test_a_short_furniture_line_is_still_dropped_whole():
    ct = clean("关于做好养老服务工作的通知\n扫一扫关注我们，获取更多政策。\n到2025年，全省养老床位达到30万张。")
    assert "扫一扫" not in ct.text and "获取更多政策" not in ct.text
    assert "boilerplate: 1 furniture lines dropped" in ct.warnings


def test_a_flattened_notice_with_furniture_is_extracted_not_dropped(tmp_path):
    from extractor.batch import process_path

    path = tmp_path / "flat.txt"
    path.write_text(FLAT, encoding="utf-8")
    res = process_path(str(path))
    assert res.error is None
    assert [(o["value"], o["unit"]) for o in res.notice["obligations"]] == [(55, "%")]


def test_pinyin_glosses_with_a_space_before_the_bracket_are_removed():
    """Some reposting sites write `絡(luò )`: the gloss goes like `網(wǎng)` does, offsets kept."""
    raw = "辽宁省加快5G通信網(wǎng)絡(luò )投資建設工作方案"
    ct = clean(raw)
    assert ct.text == "辽宁省加快5G通信网络投资建设工作方案"
    assert all(raw[o] == "絡" for o, ch in zip(ct.offsets, ct.text) if ch == "络")


TRANSPOSED_LINES = [
    "主 要 指 标 |",
    "属 性 | 约束性 | 预期性 | 预期性 | 预期性 |",
    "指 标 名 称 | 高标准农田 | 农机化率 | 托位数 |",
    "% | 万人 | % | 个 | 平方米 |",
    "（%） | （个） | （万亩） | （人） |",
    "单 位 | 万吨 | % | 个 |",
]
NAV_LINES = ["首页 | 新闻中心 | 政务公开 | 办事服务 | 互动交流", "网站首页 政策法规 通知公告 工作动态 联系我们"]


def test_table_records_with_spaced_header_words_are_no_navigation():
    for line in TRANSPOSED_LINES:
        assert not is_furniture(line), line
    for line in NAV_LINES:
        assert is_furniture(line), line


def test_short_cells_under_a_table_label_are_kept_and_a_navigation_bar_elsewhere_is_not():
    rows = ["粮食产能 | 农机化率 | 托位数 | 绿化率 |", ">6亿吨 | 5.5万元/人 | 32亿人次 | 480万亩 |"]
    for label in ["主 要 指 标 |", "指标名称", "2025 年 目 标 值 |", "2030年预期值 |", "单位 |"]:
        for row in rows:
            text = clean(f"一、主要指标\n{label}\n{row}\n{NAV_LINES[0]}\n二、保障措施").text
            assert row in text and NAV_LINES[0] not in text, (label, row)
