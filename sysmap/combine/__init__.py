"""Merging maps drawn by different hands, and comparing two maps. No Qt here."""
