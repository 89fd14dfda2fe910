{#-
    The `iceberg` materialization: DuckDB runs the model's SQL in memory, then the `lakehouse`
    plugin (data_pipeline/dbt_iceberg.py) replaces the model's partition of its Iceberg table in
    one commit. Upstream models this run does not build are loaded from Iceberg first, so a run
    of a subset reads what earlier runs stored, on any machine that shares the catalog.
-#}
{% materialization iceberg, adapter='duckdb' %}
    {%- set target_relation = this.incorporate(type='table') -%}
    {%- for node_id in model.depends_on.nodes -%}
        {%- set upstream = graph.nodes.get(node_id) -%}
        {%- if upstream and upstream.config.materialized == 'iceberg' -%}
            {%- set upstream_relation = api.Relation.create(
                database=upstream.database, schema=upstream.schema, identifier=upstream.alias
            ) -%}
            {%- if adapter.get_relation(
                database=upstream.database, schema=upstream.schema, identifier=upstream.alias
            ) is none -%}
                {%- do adapter.store_relation(
                    'lakehouse', upstream_relation, [], '', 'iceberg-upstream', upstream.config
                ) -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}

    {{ run_hooks(pre_hooks) }}
    {%- call statement('main', language='sql') -%}
        create schema if not exists {{ target_relation.without_identifier() }};
        create or replace table {{ target_relation }} as (
            {{ sql }}
        )
    {%- endcall -%}
    {%- do adapter.commit() -%}
    {%- set columns = adapter.get_columns_in_relation(target_relation) -%}
    {%- do adapter.store_relation('lakehouse', target_relation, columns, '', 'iceberg', model.config) -%}
    {{ run_hooks(post_hooks) }}
    {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
