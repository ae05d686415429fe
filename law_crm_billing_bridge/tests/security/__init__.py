"""Attack suite of issue 9 (see docs/security.md); imported by tests/__init__.py."""
