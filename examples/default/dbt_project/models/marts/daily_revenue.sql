-- Orders, units, revenue and average order value per region and local day.
select
{{ local_period_start('ordered_at', 'day') }} as period_start,
    region,
    count(*) as orders,
    sum(quantity) as units,
    round(sum(revenue), 2) as revenue,
    round(sum(revenue) / count(*), 2) as average_order_value

from {{ ref('stg_orders') }}
where {{ partition_filter('ordered_at') }}
group by 1, 2
