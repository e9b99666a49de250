"""The self-check drills for new hires, one module each, on the shared machinery of ``_drill``."""
