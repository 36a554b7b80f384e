"""Optional statistical candidates: if a spaCy pipeline with a named-entity recognizer is
installed, its PERSON / ORG / GPE / FAC entities add mentions that the rules missed.

Never required and nothing is downloaded: the pipeline named by $KG_SPACY_MODEL (default
en_core_web_sm) is used only if it is already installed; KG_SPACY_MODEL=none turns it off.
Rule-based mentions win wherever the two overlap.
"""
from __future__ import annotations

import logging
import os
from functools import lru_cache

from ..nlp import Sentence
from .names import STOP_CAPS, Mention, is_generic

log = logging.getLogger("kg.statistical")
LABELS = {"PERSON": "Person", "ORG": "Organization", "GPE": "Place", "FAC": "Zone"}


@lru_cache(maxsize=1)
def pipeline():
    """The installed spaCy pipeline, or None (spaCy or the model is not installed)."""
    name = os.environ.get("KG_SPACY_MODEL", "en_core_web_sm")
    if name.lower() in ("", "none", "off"):
        return None
    try:
        import spacy
        nlp = spacy.load(name, exclude=["lemmatizer"])
    except Exception as e:  # not installed: the rules work alone
        log.info("no spaCy pipeline %r (%s); rule-based extraction only", name, e)
        return None
    return nlp if "ner" in nlp.pipe_names else None


def find_statistical(sentences: list[Sentence]) -> list[Mention]:
    """Mentions from the statistical recognizer for each sentence (empty without spaCy)."""
    nlp = pipeline()
    if nlp is None:
        return []
    out = []
    for s, parsed in zip(sentences, nlp.pipe(x.text for x in sentences)):
        for ent in parsed.ents:
            cls = LABELS.get(ent.label_)
            text = ent.text.strip()
            if cls and text[:1].isupper() and len(text) > 2 and not is_generic(text) \
                    and text.split()[0].lower() not in STOP_CAPS:
                start = s.start + ent.start_char
                out.append(Mention(start, start + len(ent.text), ent.text, cls, s.index))
    return out
