"""Response models for the main JSON endpoints, so that the OpenAPI schema documents their fields."""

from __future__ import annotations

from pydantic import BaseModel, Field


class ValueRow(BaseModel):
    """One value with exactly the columns of indikatorer.md, "Output"."""

    indikator: str
    period: str
    kon: str = Field(description="K, M eller T")
    grupptyp: str = Field(description="Tom för totalen; för par skrivs typerna med ×")
    grupp: str
    varde: float | None = Field(description="null = ej beräknat (I.U.) eller dolt")
    taljare: float | None
    namnare: float | None
    undertryckt: int = Field(description="1 = dolt av röjandeskyddet (..)")


class Values(BaseModel):
    ogonblick: str = Field(description="Ögonblicksbilden värdena räknats från")
    skyddade_tal: bool = Field(description="Sant när röjandeskyddet är tillämpat (läsare)")
    kolumner: list[str]
    rader: list[ValueRow]


class Change(BaseModel):
    riktning: str = Field(description="upp, ned, lika eller tom")
    text: str


class GoalStatus(BaseModel):
    text: str
    status: str


class Card(BaseModel):
    id: str
    namn: str
    enhet: str
    period: str
    varde: float | None
    undertryckt: bool
    visas: str = Field(description="Värdet som det visas, med svenska talformat")
    kon: dict[str, str]
    mot_foregaende_manad: Change
    mot_samma_manad_i_fjol: Change
    mal: GoalStatus | None = None


class Overview(BaseModel):
    ogonblick: str
    skyddade_tal: bool
    enhet: str | None
    period: str | None
    indikatorer: list[Card]
