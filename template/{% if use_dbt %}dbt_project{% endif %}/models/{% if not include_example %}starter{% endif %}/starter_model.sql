-- Rebuilt from the starter table on every run.
{{ config(materialized='table') }}

select * from {{ source('warehouse', 'starter_table') }}
