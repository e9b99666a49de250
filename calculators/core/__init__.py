"""The engine's core: text, fields, results, validation and the helpers every calculator shares."""
