"""The quarterly report of non-executed favourable SoL decisions (ej verkställda beslut), as two products:
the public committee report and the confidential worklist (made in `make.py`; this module only declares
the report, so that listing the reports stays cheap)."""

from uppfolj.reports.registry import Product, ReportType

#: the worklist's marking (its sheet, its header and what the command line says of it)
CONFIDENTIAL = "Sekretess enligt 26 kap. 1 § OSL"

REPORT = ReportType(
    key="ej-verkstallda",
    module=f"{__name__}.make",
    title="Ej verkställda beslut, kvartal",
    period_kind="kvartal",
    example="2024-Q3",
    help="Ej verkställda beslut enligt SoL: nämndrapport (offentlig) och arbetslista per beslut (sekretess).",
    order=10,
    files="`ej-verkstallda-{period}` (+ `sekretess/ej-verkstallda-{period}-SEKRETESS-arbetslista.xlsx/.csv`)",
    products=(
        Product(
            "committee",
            "Nämndrapport till nämnden och kommunfullmäktige (offentlig, kan läggas i protokollet):",
        ),
        Product(
            "worklist",
            f"Arbetslista, en rad per beslut, för förvaltningen och IVO:s e-tjänst ({CONFIDENTIAL}; "
            "bifoga den inte till protokollet):",
        ),
    ),
)
