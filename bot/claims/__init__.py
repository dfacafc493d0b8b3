"""The debunked-claims registry: verdicts, domains, imports (CSV, JSON Lines, ClaimReview) and matching."""

from bot.claims.importers import ImportReport, Row, import_rows, read_claims
from bot.claims.matching import ClaimIndex, ItemClaimMatch
from bot.claims.registry import AddResult, ClaimError, ClaimInput, add_claim, claim_hash, list_claims

__all__ = ["AddResult", "ClaimError", "ClaimIndex", "ClaimInput", "ImportReport", "ItemClaimMatch", "Row", "add_claim",
           "claim_hash", "import_rows", "list_claims", "read_claims"]
