def from_batches(schema: pa.Schema, batches: Callable[[], Iterator[pa.RecordBatch]]) -> pa.Table:
    """The rows `batches()` yields (Arrow record batches of `schema`), in one Arrow table: the
    IO manager stores it as it is."""
    return pa.Table.from_batches(batches(), schema)


def row_count(frame: {{ frame_type }}) -> int:
    """How many rows the frame holds."""
    return len(frame)


def profile(
    frame: {{ frame_type }},
    key: str,
    required: Sequence[str],
) -> tuple[int, int, int]:
    """`(rows, repeated keys, missing values)` of the frame: how many rows repeat a value of
    `key` that an earlier row holds (a missing key counts as one value), and how many values
    of `required` are null."""
    table = to_arrow(frame)
    repeated = table.num_rows - pc.count_distinct(table[key], mode="all").as_py()
    return table.num_rows, repeated, sum(table[column].null_count for column in required)
