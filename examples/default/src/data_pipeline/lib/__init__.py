"""Pure, typed business logic: no Dagster imports, unit-tested on its own."""
