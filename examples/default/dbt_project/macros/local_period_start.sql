{#-
    When the local period of `column` (an instant) began, in the partitions' time zone (var
    `timezone`): the local calendar date for grain 'day'; for grain 'hour', the instant the local
    hour began, found by subtracting the time past the hour on the local clock, so both runs of
    a repeated autumn hour and zones with half-hour offsets group exactly.
-#}
{% macro local_period_start(column, grain) -%}
    {{- return(adapter.dispatch('local_period_start')(column, grain)) -}}
{%- endmacro %}

{#- DuckDB and PostgreSQL: timezone(zone, instant) is the local wall-clock time. -#}
{% macro default__local_period_start(column, grain) -%}
    {%- set local = "timezone('" ~ var('timezone') ~ "', " ~ column ~ ")" -%}
    {%- if grain == 'hour' -%}
        {{ column }} - ({{ local }} - date_trunc('hour', {{ local }}))
    {%- else -%}
        cast({{ local }} as date)
    {%- endif -%}
{%- endmacro %}

{% macro snowflake__local_period_start(column, grain) -%}
    {%- set local = "convert_timezone('" ~ var('timezone') ~ "', " ~ column ~ ")" -%}
    {%- if grain == 'hour' -%}
        timestampadd(microsecond, -datediff(microsecond, date_trunc('hour', {{ local }}), {{ local }}), {{ column }})
    {%- else -%}
        cast({{ local }} as date)
    {%- endif -%}
{%- endmacro %}

{% macro bigquery__local_period_start(column, grain) -%}
    {%- set local = "datetime(" ~ column ~ ", '" ~ var('timezone') ~ "')" -%}
    {%- if grain == 'hour' -%}
        timestamp_sub({{ column }}, interval datetime_diff({{ local }}, datetime_trunc({{ local }}, hour), microsecond) microsecond)
    {%- else -%}
        date({{ column }}, '{{ var('timezone') }}')
    {%- endif -%}
{%- endmacro %}

{#- Spark and Databricks: from_utc_timestamp gives the local wall-clock time. -#}
{% macro spark__local_period_start(column, grain) -%}
    {%- set local = "from_utc_timestamp(" ~ column ~ ", '" ~ var('timezone') ~ "')" -%}
    {%- if grain == 'hour' -%}
        {{ column }} - make_dt_interval(0, 0, minute({{ local }}), second({{ local }}))
    {%- else -%}
        to_date({{ local }})
    {%- endif -%}
{%- endmacro %}

{% macro databricks__local_period_start(column, grain) -%}
    {{- spark__local_period_start(column, grain) -}}
{%- endmacro %}

{% macro trino__local_period_start(column, grain) -%}
    {%- set local = column ~ " at time zone '" ~ var('timezone') ~ "'" -%}
    {%- if grain == 'hour' -%}
        {{ column }} - (cast({{ local }} as timestamp) - date_trunc('hour', cast({{ local }} as timestamp)))
    {%- else -%}
        cast({{ local }} as date)
    {%- endif -%}
{%- endmacro %}
