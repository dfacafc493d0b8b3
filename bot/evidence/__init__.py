"""Evidence packages of flags: raw captures, text, metadata, screenshot, history, hashes; and their verification."""

from bot.evidence.package import EvidenceError, export
from bot.evidence.verify import Verification, verify

__all__ = ["EvidenceError", "Verification", "export", "verify"]
