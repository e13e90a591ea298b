"""The action plan file: round trips through CSV and Excel, and bad files in one sentence."""
from __future__ import annotations

import pandas as pd
import pytest

from cj.plan import PlanError, plan_csv, plan_xlsx, read_plan, starting_plan


def _plan() -> pd.DataFrame:
    return pd.DataFrame({"touchpoint": ["Facturación", "Web"], "improvement": ["@mención", "Buscador nuevo"],
                         "owner": ["Administración", ""], "due": pd.to_datetime(["2027-01-15", None]),
                         "status": ["in progress", "to do"]})


@pytest.mark.parametrize("write,name", [(plan_csv, "plan.csv"), (plan_xlsx, "plan.xlsx")])
def test_round_trip(write, name) -> None:
    back = read_plan(write(_plan()), name)
    assert back["touchpoint"].tolist() == ["Facturación", "Web"] and back["improvement"][0] == "@mención"
    assert back["due"][0] == pd.Timestamp("2027-01-15") and pd.isna(back["due"][1])
    assert back["status"].tolist() == ["in progress", "to do"]


def test_starting_plan_is_the_quick_wins_in_rank_order() -> None:
    ranked = [{"touchpoint": "A", "quadrant": "quick_win"}, {"touchpoint": "B", "quadrant": "major_project"},
              {"touchpoint": "C", "quadrant": "quick_win"}]
    plan = starting_plan(ranked, {"C": "Ventas"})
    assert plan["touchpoint"].tolist() == ["A", "C"] and plan["owner"].tolist() == ["", "Ventas"]


@pytest.mark.parametrize("data,name,message,spanish", [
    (b"a,b\n1,2\n", "x.csv", "x.csv is not an action plan: the column(s) touchpoint, improvement, owner, due, status "
                             "are missing.",
     "x.csv no es un plan de acción: faltan las columnas touchpoint, improvement, owner, due, status."),
    (b"PK\x03\x04 broken", "x.xlsx", "x.xlsx could not be read as an action plan (CSV or Excel).",
     "x.xlsx no se pudo leer como plan de acción (CSV o Excel)."),
    (b"touchpoint,improvement,owner,due,status\n" + b"a,b,c,d,e\n" * 600_000, "big.csv",
     "big.csv is larger than 5 MB; an action plan is much smaller.",
     "big.csv ocupa más de 5 MB; un plan de acción es mucho menor."),
    (b"touchpoint,improvement,owner,due,status\n" + b"a,b,c,d,e\n" * 1001, "long.csv",
     "long.csv has more than 1000 rows; an action plan is shorter.",
     "long.csv tiene más de 1000 filas; un plan de acción es más corto."),
])
def test_bad_plans_are_refused_in_one_sentence(data: bytes, name: str, message: str, spanish: str) -> None:
    with pytest.raises(PlanError) as err:
        read_plan(data, name)
    assert str(err.value) == err.value.message("en") == message
    assert err.value.message("es") == spanish


def test_a_plan_without_quick_wins_still_has_text_columns() -> None:
    """With no quick win the columns were made float and Streamlit's grid refused to edit the owner (a traceback on
    the priorities page)."""
    plan = starting_plan([{"touchpoint": "A", "quadrant": "major_project"}])
    assert plan.empty and list(plan.columns) == ["touchpoint", "improvement", "owner", "due", "status"]
    assert [str(plan[c].dtype) for c in plan.columns] == ["str", "str", "str", "datetime64[s]", "str"]
