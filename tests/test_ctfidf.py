"""c-TF-IDF (O20) and sentiment normalisation (O24) from METHODS §5."""
from __future__ import annotations

import pytest
from sklearn.feature_extraction.text import CountVectorizer

from cj.ctfidf import class_tfidf, normalise_sentiment


def test_o20_class_tfidf_toy() -> None:
    docs = {0: ["late flight delay", "flight delay again"], 1: ["rude staff", "staff rude and slow", "slow refund"]}
    vectorizer = CountVectorizer()
    counts = vectorizer.fit_transform([" ".join(docs[0]), " ".join(docs[1])]).toarray()
    assert list(vectorizer.get_feature_names_out()) == ["again", "and", "delay", "flight", "late", "refund", "rude",
                                                        "slow", "staff"]
    w = dict(zip(vectorizer.get_feature_names_out(), class_tfidf(counts)[0]))
    v = dict(zip(vectorizer.get_feature_names_out(), class_tfidf(counts)[1]))
    assert (w["flight"], w["delay"], w["late"], w["again"]) == tuple(pytest.approx(x, abs=1e-6) for x in
                                                                      (0.501359, 0.501359, 0.346574, 0.346574))
    assert (v["rude"], v["slow"], v["staff"], v["and"], v["refund"]) == tuple(pytest.approx(x, abs=1e-6) for x in
                                                                               (0.376019,) * 3 + (0.259930,) * 2)


@pytest.mark.parametrize("x,expected", [(1.9, 0.440434), (4.0, 0.718421), (-3.0, -0.612372)])
def test_o24_vader_normalisation(x: float, expected: float) -> None:
    assert normalise_sentiment(x) == pytest.approx(expected, abs=1e-6)
