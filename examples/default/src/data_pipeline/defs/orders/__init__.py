"""The orders example: raw orders are cleaned, then summarized into revenue."""
