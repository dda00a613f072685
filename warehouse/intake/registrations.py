"""The two registration kinds: initiatives (the demand) and consultants (the supply) of a round."""

from __future__ import annotations

import hashlib
from datetime import date

import pandas as pd

from warehouse.intake import values as v
from warehouse.intake.kinds import Column, IntakeContext, Kind, RowRule, fold, register_kind, where_in_file
from warehouse.resolver import default_resolver


def _stable_id(prefix: str, parts: pd.DataFrame | pd.Series) -> pd.Series:
    keys = parts if isinstance(parts, pd.Series) else parts.astype(str).agg("|".join, axis=1)
    return pd.Series(
        [f"{prefix}-{hashlib.sha1(k.encode('utf-8')).hexdigest()[:16]}" for k in keys],
        index=keys.index,
        dtype=object,
    )


def initiative_id(round_id: str, gemeentecode: str, titel: str) -> str:
    """Stable id of an initiative: the same round, municipality and (normalised) title give the same id."""
    return _initiative_ids(pd.DataFrame({"titel": [titel], "gemeente": [gemeentecode]}), round_id).iloc[0]


def consultant_id(email: str) -> str:
    """Stable id of a consultant from the normalised e-mail address."""
    return _consultant_ids(pd.DataFrame({"email": [email]})).iloc[0]


def _initiative_ids(frame: pd.DataFrame, round_id: str) -> pd.Series:
    keys = round_id + "|" + frame["gemeente"].astype(str) + "|" + frame["titel"].map(fold)
    return _stable_id("INI", keys)


def _consultant_ids(frame: pd.DataFrame) -> pd.Series:
    return _stable_id("CON", frame["email"].str.strip().str.lower())


def _existing(table: str, id_column: str):
    def existing(ctx: IntakeContext, ids: list[str]) -> set[str]:
        rows = ctx.con.execute(
            f"SELECT {id_column} FROM {table} WHERE round_id = ? AND {id_column} IN (SELECT unnest(?::VARCHAR[]))",
            [ctx.round_id, ids],
        ).fetchall()
        return {r for (r,) in rows}

    return existing


def _upsert(table: str, id_column: str, select: str, keep: dict[str, object]):
    """Replace the round's records with these ids by the frame's rows (DuckDB reads the frame by name),
    inside the caller's transaction; a `keep` column left empty keeps the stored value, a new record
    gets the default given in `keep`."""
    kept = ", ".join(f"coalesce(n.{c}, o.{c}, {'NULL' if d is None else d}) AS {c}" for c, d in keep.items())

    def upsert(ctx: IntakeContext, frame: pd.DataFrame) -> None:
        data = frame.rename(columns={"record_id": id_column}).assign(round_id=ctx.round_id)
        ctx.con.register("_intake_records", data)
        try:
            ctx.con.execute(
                f"CREATE OR REPLACE TEMP TABLE _intake_stored AS SELECT {id_column}, {', '.join(keep)} FROM {table} "
                f"WHERE round_id = ? AND {id_column} IN (SELECT {id_column} FROM _intake_records)",
                [ctx.round_id],
            )
            ctx.con.execute(
                f"DELETE FROM {table} WHERE round_id = ? AND {id_column} IN (SELECT {id_column} FROM _intake_stored)",
                [ctx.round_id],
            )
            ctx.con.execute(
                f"INSERT INTO {table} BY NAME SELECT n.* REPLACE ({kept}) FROM (SELECT {select} FROM _intake_records) n "
                f"LEFT JOIN _intake_stored o ON o.{id_column} = n.{id_column}"
            )
            ctx.con.execute("DROP TABLE _intake_stored")  # on failure the transaction's rollback removes it
        finally:
            ctx.con.unregister("_intake_records")

    return upsert


def _consultant_conflicts(ctx: IntakeContext, frame: pd.DataFrame) -> pd.DataFrame:
    """A row for an e-mail address that another municipality registered first (stored, or an earlier row
    of the file): the first registration stands and the coordinator sorts it out. And a later row of
    the file with the address under another name: one address is one consultant."""
    ids = frame["record_id"]
    stored = dict(ctx.con.execute(
        "SELECT consultant_id, gemeentecode FROM consultants WHERE round_id = ? "
        "AND consultant_id IN (SELECT unnest(?::VARCHAR[]))", [ctx.round_id, list(ids.unique())]).fetchall())
    first = frame.drop_duplicates("record_id").set_index("record_id")
    owner = ids.map(stored).fillna(ids.map(first["gemeente"]))
    elsewhere = frame["gemeente"] != owner
    same = frame[~elsewhere]
    first_name = same.drop_duplicates("record_id").set_index("record_id")
    renamed = same["naam"].map(fold) != same["record_id"].map(first_name["naam"].map(fold))
    resolver = default_resolver()
    reasons = {}
    for i in frame.index[elsewhere]:
        g = resolver.get(owner[i])
        by = (f"is in deze ronde al aangemeld door gemeente {g.naam} ({g.code})" if ids[i] in stored
              else f"staat in dit bestand al in {where_in_file(first.loc[ids[i]])} bij gemeente {g.naam} ({g.code})")
        reasons[i] = (f"{frame.at[i, 'email']} {by}; een consultant wordt door één gemeente aangemeld. De eerste "
                      "aanmelding blijft staan; neem contact op met de coördinator.")
    for i in same.index[renamed]:
        earlier = first_name.loc[ids[i]]
        reasons[i] = (f"{frame.at[i, 'email']} staat in dit bestand al in {where_in_file(earlier)} met de naam "
                      f"'{earlier['naam']}'; één e-mailadres hoort bij één consultant. Verbeter de naam of het "
                      "e-mailadres.")
    return pd.DataFrame({"column": "email", "reason": pd.Series(reasons, dtype=object)}).sort_index()


def _ends_before_start(frame: pd.DataFrame, ctx: IntakeContext) -> pd.Series:
    pairs = zip(frame["beschikbaar_vanaf"], frame["beschikbaar_tot"])
    return pd.Series(
        [isinstance(a, date) and isinstance(b, date) and b < a for a, b in pairs], index=frame.index, dtype=bool
    )


def _gemeentenaam(codes: pd.Series) -> pd.Series:
    resolver = default_resolver()
    return codes.map({c: resolver.get(c).naam for c in codes.unique()})


LOST_LETTER = ("de naam bevat een '?' waar een letter hoort: het bestand is waarschijnlijk in een tekenset opgeslagen "
               "zonder die letter (zoals ı of ş); controleer de naam en stuur het bestand bij voorkeur als .xlsx")
_QUESTION_IN_WORD = r"\w\?\w"


def _consultant_notes(frame: pd.DataFrame) -> pd.Series:
    """What the receipt points out about a loaded consultant: no employer consent, a name with a lost letter."""
    consent = frame["akkoord_werkgever"].map({True: "", False: NO_CONSENT})
    lost = frame["naam"].str.contains(_QUESTION_IN_WORD, regex=True).map({True: LOST_LETTER, False: ""})
    return (consent + "; " + lost).str.strip("; ")


# Optional columns: an empty cell keeps the stored value; a new record gets the default (SQL).
_INITIATIVE_KEEP: dict[str, object] = {"woonplaats": None, "prioriteit": 1, "ingediend_op": None}
_CONSULTANT_KEEP: dict[str, object] = {"functie": None, "expertise": None, "beschikbaar_vanaf": None,
                                       "beschikbaar_tot": None}
NO_CONSENT = ("zonder akkoord van de werkgever: deze consultant wordt pas gekoppeld als "
              "de aanmelding opnieuw wordt ingestuurd met akkoord_werkgever 'ja'")

INITIATIVES = register_kind(
    Kind(
        name="initiatives",
        label="initiatieven",
        columns=(
            Column("gemeente", v.round_gemeente, ("gemeentenaam", "naam gemeente", "gemeente initiatief")),
            Column("titel", v.text, ("titel initiatief", "naam initiatief", "initiatief", "projectnaam", "naam project")),
            Column("omschrijving", v.text, ("beschrijving", "korte omschrijving", "omschrijving initiatief", "toelichting")),
            Column("initiatiefnemer", v.text, ("initiatiefnemers", "naam initiatiefnemer", "organisatie")),
            Column("contactpersoon", v.text, ("contact", "naam contactpersoon")),
            Column(
                "contact_email",
                v.email,
                ("contact e-mail", "e-mail", "email", "emailadres", "e-mailadres", "e-mail contactpersoon",
                 "email contactpersoon", "e-mailadres contactpersoon", "mail"),
            ),
            Column("woonplaats", v.text, ("plaats", "kern", "dorp of wijk"), required=False),
            Column("themas", v.theme_codes, ("thema", "thema's")),
            Column("uren_gevraagd", v.hours("max_uren_initiatief", "per initiatief"),
                   ("gevraagde uren", "uren", "aantal uren", "uren nodig", "benodigde uren")),
            Column("hulpvraag", v.text, ("vraag", "ondersteuningsvraag", "waar zoekt u hulp bij")),
            Column("prioriteit", v.priority, ("prio",), required=False),
            Column("ingediend_op", v.parse_date, ("datum", "ingediend", "datum ingediend", "aanmelddatum",
                                                  "datum aanmelding"), required=False),
        ),
        record_id=lambda frame, ctx: _initiative_ids(frame, ctx.round_id),
        existing=_existing("initiatives", "initiative_id"),
        keep=tuple(_INITIATIVE_KEEP),
        upsert=_upsert(
            "initiatives",
            "initiative_id",
            "round_id, initiative_id, gemeente AS gemeentecode, titel, omschrijving, initiatiefnemer, "
            "contactpersoon, contact_email, woonplaats, string_split(themas, ';') AS themas, "
            "CAST(uren_gevraagd AS DOUBLE) AS uren_gevraagd, hulpvraag, CAST(prioriteit AS INTEGER) AS prioriteit, "
            "CAST(ingediend_op AS DATE) AS ingediend_op, 'registration' AS origin, source_sha256, source_row, "
            "current_timestamp AS updated_at",
            _INITIATIVE_KEEP,
        ),
        describe=lambda frame, ctx: frame["titel"] + " (" + _gemeentenaam(frame["gemeente"]) + ")",
    )
)

CONSULTANTS = register_kind(
    Kind(
        name="consultants",
        label="consultants",
        columns=(
            Column("naam", v.text, ("naam consultant", "volledige naam", "naam medewerker", "voor- en achternaam")),
            Column("email", v.email, ("e-mail", "emailadres", "e-mailadres", "mail", "e-mail werk")),
            Column("gemeente", v.round_gemeente, ("werkgever", "gemeente werkgever", "gemeente (werkgever)",
                                                  "werkgever gemeente")),
            Column("functie", v.text, ("rol", "functietitel"), required=False),
            Column("expertise", v.text, ("deskundigheid", "ervaring", "kennis en ervaring"), required=False),
            Column("themas", v.theme_codes, ("thema", "thema's", "expertisegebieden")),
            Column("uren_beschikbaar", v.hours("max_uren_consultant", "per consultant"),
                   ("beschikbare uren", "uren", "aantal uren", "uren per ronde")),
            Column("beschikbaar_vanaf", v.parse_date, ("vanaf", "startdatum", "beschikbaar van"), required=False),
            Column("beschikbaar_tot", v.parse_date, ("tot", "tot en met", "einddatum", "beschikbaar tot en met"),
                   required=False),
            Column("akkoord_werkgever", v.yes_no, ("akkoord", "toestemming werkgever", "akkoord leidinggevende")),
        ),
        record_id=lambda frame, ctx: _consultant_ids(frame),
        existing=_existing("consultants", "consultant_id"),
        keep=tuple(_CONSULTANT_KEEP),
        upsert=_upsert(
            "consultants",
            "consultant_id",
            "round_id, consultant_id, naam, email, gemeente AS gemeentecode, functie, expertise, "
            "string_split(themas, ';') AS themas, CAST(uren_beschikbaar AS DOUBLE) AS uren_beschikbaar, "
            "CAST(beschikbaar_vanaf AS DATE) AS beschikbaar_vanaf, CAST(beschikbaar_tot AS DATE) AS beschikbaar_tot, "
            "CAST(akkoord_werkgever AS BOOLEAN) AS akkoord_werkgever, source_sha256, source_row, "
            "current_timestamp AS updated_at",
            _CONSULTANT_KEEP,
        ),
        describe=lambda frame, ctx: frame["naam"] + " (" + _gemeentenaam(frame["gemeente"]) + ")",
        conflicts=_consultant_conflicts,
        note=lambda frame: _consultant_notes(frame),
        rules=(
            RowRule(
                "beschikbaar_tot",
                _ends_before_start,
                lambda row: f"{row.beschikbaar_tot:%d-%m-%Y} ligt voor beschikbaar_vanaf {row.beschikbaar_vanaf:%d-%m-%Y}",
            ),
        ),
    )
)
