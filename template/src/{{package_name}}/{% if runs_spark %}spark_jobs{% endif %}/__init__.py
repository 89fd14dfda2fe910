"""Spark jobs: scripts launched through Dagster Pipes, each in its own process (defs/spark.py)."""
