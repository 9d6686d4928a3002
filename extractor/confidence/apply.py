"""The pipeline's one call into the confidence model."""
from __future__ import annotations

from extractor.confidence.model import score_notice
from extractor.model import Notice


def apply_confidence(notice: Notice) -> Notice:
    """Set `confidence` on every obligation of a freshly built Notice (left None when no model is shipped).

    The features see exactly the record that is written out, so training (which reads the output) and
    scoring agree."""
    for ob, conf in zip(notice.obligations, score_notice(notice.to_dict())):
        ob.confidence = conf
    return notice
