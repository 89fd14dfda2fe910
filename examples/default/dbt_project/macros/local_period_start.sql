{#-
    When the period of `column` (an instant) began, the period being the summary's grain:

    - 'day': the local calendar date in the partitions' time zone (var `timezone`), so days of
      23 or 25 hours hold exactly their own orders;
    - 'hour': the start of the partition the order belongs to, among the run's partitions (var
      `partition_starts`): Dagster's own windows, so the repeated autumn hour and zones whose
      clocks move by 30 minutes hold too. Without vars (a plain `dbt build`) it is the UTC hour.
-#}
{% macro local_period_start(column, grain) -%}
    {%- if grain != 'hour' -%}
        {{ return(adapter.dispatch('local_date')(column)) }}
    {%- endif -%}
    {%- set starts = var('partition_starts', []) -%}
    {%- if not starts -%}
        {{ return(dbt.date_trunc('hour', column)) }}
    {%- endif -%}
    (
        select max(partition_start)
        from (
            values
            {%- for start in starts %}
            ({{ instant_literal(start) }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as partitions (partition_start)
        where partition_start <= {{ column }}
    )
{%- endmacro %}

{% macro instant_literal(value) -%}
    {{- return(adapter.dispatch('instant_literal')(value)) -}}
{%- endmacro %}

{% macro default__instant_literal(value) -%}
    cast({{ quoted_literal(value) }} as timestamp with time zone)
{%- endmacro %}

{% macro bigquery__instant_literal(value) -%}
    timestamp({{ quoted_literal(value) }})
{%- endmacro %}

{% macro spark__instant_literal(value) -%}
    to_timestamp({{ quoted_literal(value) }})
{%- endmacro %}

{% macro databricks__instant_literal(value) -%}
    {{- spark__instant_literal(value) -}}
{%- endmacro %}

{#- DuckDB and PostgreSQL: timezone(zone, instant) is the local wall-clock time. -#}
{% macro default__local_date(column) -%}
    cast(timezone('{{ var('timezone') }}', {{ column }}) as date)
{%- endmacro %}

{% macro snowflake__local_date(column) -%}
    cast(convert_timezone('{{ var('timezone') }}', {{ column }}) as date)
{%- endmacro %}

{% macro bigquery__local_date(column) -%}
    date({{ column }}, '{{ var('timezone') }}')
{%- endmacro %}

{#- Spark and Databricks: from_utc_timestamp gives the local wall-clock time. -#}
{% macro spark__local_date(column) -%}
    to_date(from_utc_timestamp({{ column }}, '{{ var('timezone') }}'))
{%- endmacro %}

{% macro databricks__local_date(column) -%}
    {{- spark__local_date(column) -}}
{%- endmacro %}

{% macro trino__local_date(column) -%}
    cast({{ column }} at time zone '{{ var('timezone') }}' as date)
{%- endmacro %}
