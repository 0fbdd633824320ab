"""Check-worthiness scores for sentences: a small linear model shipped in
``annotators/models/claim_scorer.npz`` (see README, "Claim check-worthiness scorer")."""
from .model import MODEL_NAME, ClaimScorer, ScorerFileError, load_scorer, scorer_for

__all__ = ["MODEL_NAME", "ClaimScorer", "ScorerFileError", "load_scorer", "scorer_for"]
