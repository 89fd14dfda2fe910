"""The remote platforms the Spark jobs run on: each module's resource settings and launch."""
