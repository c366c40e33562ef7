"""Plain functions behind the knowledge base's build hooks, checks and scripts.

Nothing here imports MkDocs: hooks in overrides/hooks/ are thin wrappers, so the
logic can be tested directly and reused by another generator.
"""
