import json

import pytest

from pnet.cli import main


def test_gemeente_prints_code_tab_name(capsys):
    assert main(["gemeente", "Den Haag"]) == 0
    assert capsys.readouterr().out == "GM0518\t's-Gravenhage\n"


def test_gemeente_ambiguous_and_unknown_exit_1(capsys):
    assert main(["gemeente", "Beek"]) == 1
    assert "niet eenduidig" in capsys.readouterr().err
    assert main(["gemeente", "Amsterdm"]) == 1
    assert "Bedoelt u 'Amsterdam'" in capsys.readouterr().err


def test_round_create_list_and_costs_json(capsys, warehouse_path):
    assert main(["round", "create", "2027-R1", "--gemeenten", "Almere,GM0363", "--open", "2027-01-15",
                 "--close", "2027-03-01", "--warehouse", str(warehouse_path)]) == 0
    captured = capsys.readouterr()
    assert "Ronde 2027-R1 aangemaakt" in captured.out
    assert "10 tot 20 gemeenten" in captured.err
    assert main(["--warehouse", str(warehouse_path), "round", "list"]) == 0
    assert "2027-R1" in capsys.readouterr().out
    assert main(["costs", "--round", "2027-R1", "--budget", "1000", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["budget"] == 1000
    assert [s["gemeentecode"] for s in data["shares"]] == ["GM0363", "GM0034"]
    assert round(sum(s["bedrag"] for s in data["shares"]), 2) == 1000
    assert set(data["shares"][0]) == {"gemeentecode", "gemeentenaam", "inwoners", "bedrag"}


def test_refused_round_is_a_message_not_a_traceback(capsys):
    assert main(["round", "create", "R", "--gemeenten", "Almere,Lelystad", "--open", "2027-03-01", "--close", "2027-02-01"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("fout: ") and "Traceback" not in err


def test_unknown_round_for_costs(capsys, warehouse_path):
    from warehouse.db import connect

    connect(warehouse_path).close()
    assert main(["costs", "--round", "nope", "--warehouse", str(warehouse_path)]) == 1
    assert "bestaat niet" in capsys.readouterr().err


def test_costs_table_in_dutch_notation(capsys):
    assert main(["costs", "--gemeenten", "Utrecht,Zeist", "--budget", "150000"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Budget € 150.000,00, € 0,")
    assert lines[2].split()[:3] == ["GM0344", "Utrecht", "374.238"]  # larger municipality first, CBS inhabitants
    assert lines[-1].split()[-2:] == ["€", "150.000,00"]  # the shares add up to the budget


@pytest.mark.parametrize(("budget", "printed"), [("150.000", "€ 150.000,00"), ("150000,50", "€ 150.000,50"), ("€ 2.500", "€ 2.500,00")])
def test_costs_budget_written_the_dutch_way(capsys, budget, printed):
    assert main(["costs", "--gemeenten", "Utrecht,Zeist", "--budget", budget]) == 0
    assert capsys.readouterr().out.startswith(f"Budget {printed},")


@pytest.mark.parametrize("budget", ["nan", "inf", "-5", "0", "veel"])
def test_costs_refuses_a_budget_that_is_no_positive_amount(capsys, budget):
    with pytest.raises(SystemExit):
        main(["costs", "--gemeenten", "Utrecht,Zeist", f"--budget={budget}"])
    err = capsys.readouterr().err
    assert "geen bedrag" in err or "moet meer dan € 0 zijn" in err


def test_costs_without_municipalities_and_paths_that_are_no_folder_are_messages(capsys, tmp_path):
    assert main(["costs", "--gemeenten", ""]) == 1
    assert capsys.readouterr().err == "fout: Geen gemeenten om de kosten over te verdelen.\n"
    afile = tmp_path / "bestand"
    afile.write_text("x")
    assert main(["templates", "--out", str(afile)]) == 1
    assert capsys.readouterr().err == f"fout: {afile} bestaat al als bestand; geef een map op.\n"
    assert main(["round", "list", "--warehouse", str(tmp_path / "typo" / "w.duckdb")]) == 1
    assert "bestaat nog niet" in capsys.readouterr().err
    assert not (tmp_path / "typo").exists(), "a command that only reads creates no warehouse"


def test_round_dates_in_dutch_or_iso_notation(capsys, warehouse_path):
    assert main(["round", "create", "2027-R2", "--gemeenten", "Almere,Lelystad", "--open", "15-01-2027",
                 "--close", "2027-03-01", "--warehouse", str(warehouse_path)]) == 0
    assert "aanmelden van 15-01-2027 tot en met 01-03-2027" in capsys.readouterr().out
    with pytest.raises(SystemExit) as refused:
        main(["round", "create", "2027-R3", "--gemeenten", "Almere,Lelystad", "--open", "31-02-2027", "--close", "2027-03-01"])
    assert refused.value.code == 2
    assert "'31-02-2027' is geen geldige datum (gebruik 2027-01-15 of 15-01-2027)" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["round", "create", "2027-R3", "--gemeenten", "Almere,Lelystad", "--open", "15-01-0001", "--close", "2027-03-01"])
    assert "'15-01-0001' ligt niet tussen 2000 en 2100; is het jaartal goed?" in capsys.readouterr().err


@pytest.mark.parametrize(("argv", "message"), [
    (["match"], "pnet match: fout: deze opties ontbreken: --initiatives, --consultants, -o/--output"),
    (["costs", "--round", "R", "--gemeenten", "Zeist"], "pnet costs: fout: --gemeenten en --round gaan niet samen"),
    (["match", "--initiatives", "I", "--consultants", "C", "-o", "M", "--fairness", "misschien"],
     "pnet match: fout: --fairness: 'misschien' kan niet; kies uit 'on', 'off'"),
    (["round", "list", "--wat"], "pnet: fout: onbekende opties: --wat"),
])
def test_command_line_mistakes_are_explained_in_dutch(capsys, argv, message):
    with pytest.raises(SystemExit) as refused:
        main(argv)
    assert refused.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("gebruik: ") and err.rstrip().endswith(message)

