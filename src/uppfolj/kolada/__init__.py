"""Benchmarks against other municipalities through Kolada (RKA's open database of municipal key figures).

`client` fetches (v3 with v2 fallback, paging, batching, retries, disk cache), `groups` knows the
municipality groups (R9 predefined), `kpis` resolves the committee's default KPIs by title, `compare`
ranks the own municipality in its group and reconciles uppfolj's indicators with the official figures.
"""
