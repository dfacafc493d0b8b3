"""The debunked-claims registry: verdicts, domains, imports (CSV, JSON Lines, ClaimReview). Matching items against
it is `bot.claims.matching` (imported where it is used: it loads the MinHash machinery)."""

from bot.claims.importers import ImportReport, Row, import_rows, read_claims
from bot.claims.registry import AddResult, ClaimError, ClaimInput, add_claim, claim_hash, list_claims

__all__ = ["AddResult", "ClaimError", "ClaimInput", "ImportReport", "Row", "add_claim", "claim_hash", "import_rows",
           "list_claims", "read_claims"]
