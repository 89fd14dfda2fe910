-- One row per valid order of the partition being built, with its revenue.

with source as (

    select * from {{ source('warehouse', 'raw_orders') }}
    where {{ partition_filter('ordered_at') }}

),

valid as (

    select
        *,
        row_number() over (partition by order_id order by ordered_at) as occurrence
    from source
    where customer_id is not null
      and quantity > 0

)

select
    order_id,
    customer_id,
    region,
    product,
    quantity,
    unit_price,
    round(quantity * unit_price, 2) as revenue,
    ordered_at
from valid
where occurrence = 1
