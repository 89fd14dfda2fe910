{#-
    The rows of the partition Dagster is building, as a SQL predicate.

    Dagster passes the partition as --vars (defs/dbt_models.py): `partition_start` and
    `partition_end`, the window as instants (ISO 8601, UTC); `partition_start_date` and
    `partition_end_date`, the same window as local calendar dates; `partition_column` and
    `partition_key` for a dimension of keys. Without vars the predicate is `true`, so a plain
    `dbt build` processes the whole table.

    `time_column` holds 'instant's (timestamptz) or local calendar days (`time_type='date'`);
    without one only the key is compared.
-#}
{% macro partition_filter(time_column=none, time_type='instant') -%}
    {%- set clauses = [] -%}
    {%- if time_column is not none and var('partition_start', none) is not none -%}
        {%- set bounds = ['partition_start_date', 'partition_end_date'] if time_type == 'date'
            else ['partition_start', 'partition_end'] -%}
        {%- do clauses.append(time_column ~ " >= " ~ quoted_literal(var(bounds[0]))) -%}
        {%- do clauses.append(time_column ~ " < " ~ quoted_literal(var(bounds[1]))) -%}
    {%- endif -%}
    {%- if var('partition_column', none) is not none -%}
        {%- do clauses.append(
            adapter.quote(var('partition_column')) ~ " = " ~ quoted_literal(var('partition_key'))
        ) -%}
    {%- endif -%}
    {{- clauses | join(' and ') if clauses else 'true' -}}
{%- endmacro %}

{#- A string literal: partition keys are data, quotes in them are escaped. -#}
{% macro quoted_literal(value) -%}
    {{- return(adapter.dispatch('quoted_literal')(value)) -}}
{%- endmacro %}

{% macro default__quoted_literal(value) -%}
    '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{% macro bigquery__quoted_literal(value) -%}
    '{{ value | string | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
