{#-
    The rows of the partition Dagster is building, as a SQL predicate.

    Dagster passes `min_date` and `max_date` (the time window, naive wall-clock timestamps) and/or
    `partition_column` and `partition_key` as --vars. Without vars the predicate is `true`, so a
    plain `dbt build` processes the whole table.
-#}
{% macro partition_filter(time_column) -%}
    {%- set clauses = [] -%}
    {%- if var('min_date', none) is not none -%}
        {%- do clauses.append(time_column ~ " >= " ~ quoted_literal(var('min_date'))) -%}
        {%- do clauses.append(time_column ~ " < " ~ quoted_literal(var('max_date'))) -%}
    {%- endif -%}
    {%- if var('partition_column', none) is not none -%}
        {%- do clauses.append(
            adapter.quote(var('partition_column')) ~ " = " ~ quoted_literal(var('partition_key'))
        ) -%}
    {%- endif -%}
    {{- clauses | join(' and ') if clauses else 'true' -}}
{%- endmacro %}

{% macro quoted_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{#-
    A pre-hook for incremental models: before new rows are added, delete the rows of the
    partition being built, so a re-run replaces the partition even when rows disappeared
    from the source.
-#}
{% macro delete_partition(time_column) -%}
    {%- if is_incremental() -%}
        delete from {{ this }} where {{ partition_filter(time_column) }}
    {%- endif -%}
{%- endmacro %}
