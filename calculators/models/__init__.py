"""The methodology's scoring models, one module each (its calculation, then its explanation)."""
