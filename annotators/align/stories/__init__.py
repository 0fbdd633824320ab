"""Which articles report the same event (not merely the same topic).

``features`` reads what tells two events of one kind apart (dates, years,
names, figures), ``window`` keeps recent articles as hashed TF-IDF vectors and
makes pair features, ``model`` is the learned same-event logistic regression,
``stream`` groups articles one at a time as they are imported.
"""
from __future__ import annotations

from .features import ArticleFeatures, extract
from .model import PairModel, load_model, WEIGHTS_FILE
from .stream import (Assignment, StoryStream, cluster_stories, group, CANDIDATES, WINDOW_ARTICLES,
                     WINDOW_DAYS)
from .window import PAIR_FEATURES, Window, pair_features

STORY_THRESHOLD = None  # the model's own threshold (annotators/models/stories.json) unless one is given

__all__ = ["ArticleFeatures", "Assignment", "PairModel", "StoryStream", "Window", "cluster_stories", "extract",
           "group", "load_model", "pair_features", "PAIR_FEATURES", "STORY_THRESHOLD", "WEIGHTS_FILE",
           "CANDIDATES", "WINDOW_ARTICLES", "WINDOW_DAYS"]


def story_similarities(texts):
    """Pairwise TF-IDF cosine of texts (scikit-learn; the plain-words view of story likeness)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from ..text import _stop_words

    if not texts:
        import numpy as np
        return np.zeros((0, 0))
    vec = TfidfVectorizer(sublinear_tf=True, stop_words=sorted(_stop_words()), token_pattern=r"(?u)\b[^\W\d_]{3,}\b")
    try:
        x = vec.fit_transform(texts)
    except ValueError:  # no words at all
        import numpy as np
        return np.eye(len(texts))
    return cosine_similarity(x)


__all__.append("story_similarities")
