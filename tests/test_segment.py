import math

from extractor.clean.word_model import char_logfreq, word_model
from extractor.nlp.segment import get_nlp, segmenter
from extractor.nlp.spans import sentence_spans, tokens


def test_gazetteer_words_stay_whole():
    toks = tokens("各地民政部门要推进乡镇社会工作服务站建设，深化五社联动")
    assert "民政部门" in toks
    assert "五社联动" in toks
    assert any("社会工作服务站" in t for t in toks)


def test_private_tokenizer_is_loaded_once():
    assert segmenter() is segmenter()


def test_word_model_prefers_real_words():
    model = word_model()
    assert model.logprob("社会工作") > model.logprob("社工会作")
    assert model.logprob("五社联动") < model.logprob("社会")  # unknown characters count once, never fail
    assert char_logfreq()["的"] > char_logfreq()["鍏"]


def test_word_model_shares_the_segmenters_dictionary_and_counts():
    """One dictionary per process: the repair's word model is the segmenter's, with jieba's counts."""
    model = word_model()
    assert model.words is segmenter()
    assert abs(model.word_logprob("的") - (math.log(318825) - model.log_total)) < 1e-3  # 的 318825 in jieba's dict.txt
    assert model.word_logprob("龘") == -model.log_total  # not in the dictionary: counted once
    assert model.logprob("社会工作") == model.word_logprob("社会工作")


def test_spacy_doc_keeps_offsets_and_sentences():
    text = "到2025年,建成100个站。各地要加强领导;定期报告\n二、保障措施"
    doc = get_nlp()(text)
    assert doc.text == text
    assert all(text[t.idx : t.idx + len(t.text)] == t.text for t in doc)
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "到2025年,建成100个站。"
    assert "二、保障措施" in sents[-1]
    assert [text[s:e] for s, e in sentence_spans(text)] == ["到2025年,建成100个站。", "各地要加强领导;", "定期报告", "二、保障措施"]


def test_the_segmenter_is_jieba_rs_without_its_default_instance():
    """rjieba's package builds a default Jieba (its whole dictionary, ~30 MB) on import; ours loads only the class."""
    import subprocess
    import sys

    code = ("import sys; from extractor.nlp.segment import segmenter; from extractor.dictionary.jieba_rs import jieba_class; "
            "s = segmenter(); print(type(s) is jieba_class(), 'rjieba' in sys.modules, s.cut('社会工作服务站', True))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(maxsplit=2)
    assert out[:2] == ["True", "False"]
    assert "社会工作服务站" in out[2]


def test_the_vocabulary_is_renewed_and_docs_stay_the_same(monkeypatch):
    """spaCy keeps every word it has seen; past the limit the pipeline starts a fresh vocabulary."""
    import extractor.nlp.segment as seg

    nlp = get_nlp()
    text = "到2025年,建成100个社会工作服务站。各地要加强领导。"
    before = [(t.text, t.idx, t.is_sent_start, t.like_num) for t in nlp(text)]
    monkeypatch.setattr(seg, "VOCAB_LIMIT", 3)
    old = nlp.vocab
    doc = nlp(text)
    assert nlp.vocab is not old and doc.vocab is nlp.vocab and nlp.tokenizer.vocab is nlp.vocab
    assert [(t.text, t.idx, t.is_sent_start, t.like_num) for t in doc] == before


def test_spaces_become_token_spacing_and_offsets_stay_exact():
    """A single space after a word is that word's spacing; other whitespace stays a token. Either way the Doc's
    text is the input and the stored token starts are the tokens' offsets (with and without spaces)."""
    for text in ["到2025年建成100个站。", "Policy 到 2025年  建成 100 个站 。\n 二、 保障", " 开头空格，结尾空格 "]:
        doc = get_nlp()(text)
        assert doc.text == text
        assert doc.user_data["token_starts"] == [t.idx for t in doc]
        assert doc.user_data["token_texts"] == [t.text for t in doc]
    doc = get_nlp()("到 2025年")
    assert [(t.text, t.whitespace_) for t in doc][0] == ("到", " ")
