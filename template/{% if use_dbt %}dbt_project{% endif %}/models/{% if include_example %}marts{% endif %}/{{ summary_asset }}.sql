-- Orders, units, revenue and average order value per region and period.
{{ config(
    unique_key=['period_start', 'region'] + var('extra_columns'),
    pre_hook="{{ delete_partition('period_start') }}",
) }}

select
    {{ dbt.date_trunc(var('summary_grain'), 'ordered_at') }} as period_start,
    region,
    {%- for column in var('extra_columns') %}
    {{ column }},
    {%- endfor %}
    count(*) as orders,
    sum(quantity) as units,
    round(sum(revenue), 2) as revenue,
    round(sum(revenue) / count(*), 2) as average_order_value
from {{ ref('stg_orders') }}
where {{ partition_filter('ordered_at') }}
group by
    {{ dbt.date_trunc(var('summary_grain'), 'ordered_at') }},
    {%- for column in var('extra_columns') %}
    {{ column }},
    {%- endfor %}
    region
