"""The committee reports: each module assembles one `uppfolj.outputs.Report` from the indicator engine.

| report | module | command |
|---|---|---|
| månadsrapport | `manad` | `uppfolj rapport manad --manad 2024-09` |
| ej verkställda beslut per kvartal | `ej_verkstallda` | `uppfolj rapport ej-verkstallda --kvartal 2024-Q3` |
| årsredovisning, tabeller | `ar` | `uppfolj rapport ar --ar 2024` |
| genomlysning av utbildningsnivå | `utbildningsniva` | `uppfolj rapport utbildningsniva --ar 2023` |
"""
