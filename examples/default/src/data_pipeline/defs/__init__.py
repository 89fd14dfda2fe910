"""Definitions discovered by `dg.load_from_defs_folder`, one module per concern."""
