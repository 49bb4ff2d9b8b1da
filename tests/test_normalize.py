import pytest

from pipeline.normalize.dates import deadline_from, find_time
from pipeline.normalize.money import parse_number, salary_from


@pytest.mark.parametrize("text, want", [
    ("22-Jun-2025", ("2025-06-22", None, None)),
    ("22-juin-2025", ("2025-06-22", None, None)),
    ("Apply until 22 June 2025, at 23.59, Brussels time", ("2025-06-22", "23:59", "Europe/Brussels")),
    ("jusqu'au 22 juin 2025, 23h59, heure de Bruxelles", ("2025-06-22", "23:59", "Europe/Brussels")),
    ("Closing date: 03 March 2026", ("2026-03-03", None, None)),
    ("Date de clôture : 3 mars 2026", ("2026-03-03", None, None)),
    ("2026-03-03 at 23:59 (Eastern Time)", ("2026-03-03", "23:59", "America/Toronto")),
    ("03.03.2026, 12:00 CET", ("2026-03-03", "12:00", "CET")),
    ("le 3 mars 2026 à 12 h (heure de l'Est)", ("2026-03-03", "12:00", "America/Toronto")),
    ("March 3, 2026", ("2026-03-03", None, None)),
    ("1er avril 2026 à 17 h 30, heure de Paris", ("2026-04-01", "17:30", "Europe/Paris")),
    ("by 5 p.m. on 12 May 2026", ("2026-05-12", "17:00", None)),
    # zones named after a region or a city, in any of the usual forms, and their abbreviations
    ("2026-05-08 at 16:30 (Atlantic Time)", ("2026-05-08", "16:30", "America/Halifax")),
    ("le 8 mai 2026 à 16 h 30 (heure normale de l'Atlantique)", ("2026-05-08", "16:30", "America/Halifax")),
    ("21 mai 2026, 16 h 30 (HNE)", ("2026-05-21", "16:30", "America/Toronto")),
    ("3 March 2026, 23:59 Vienna local time", ("2026-03-03", "23:59", "Europe/Vienna")),
    ("3 mars 2026 à 12 h, heure de Copenhague", ("2026-03-03", "12:00", "Europe/Copenhagen")),
    ("15 March 2026, 23:59 hrs CET (Brussels time)", ("2026-03-15", "23:59", "Europe/Brussels")),
    ("3 mars 2026, 12 h HNEC", ("2026-03-03", "12:00", "CET")),
    ("3 March 2026 (Europe/Prague)", ("2026-03-03", None, "Europe/Prague")),  # as a published notice prints it
    # the academic "Anywhere on Earth": UTC-12, which IANA writes Etc/GMT+12
    ("8 April 2026, 23:59 AoE (Anywhere on Earth)", ("2026-04-08", "23:59", "Etc/GMT+12")),
])
def test_deadlines(text, want):
    got = deadline_from(text)
    assert (got["date"].isoformat(), got["time"], got["timezone"]) == want


def test_no_date_is_none():
    assert deadline_from("Apply as soon as possible") is None
    assert deadline_from("31 February 2026") is None


@pytest.mark.parametrize("text, want", [("11:59 pm", "23:59"), ("4pm", "16:00"), ("23h59", "23:59"), ("12 h", "12:00"),
                                        ("minuit", "23:59"), ("room 12", None)])
def test_times(text, want):
    assert find_time(text) == want


@pytest.mark.parametrize("raw, want", [("1,286.09", 1286.09), ("1 286,09", 1286.09), ("7'200", 7200), ("52,000", 52000),
                                       ("4.210", 4210), ("25", 25), ("1.286,09", 1286.09), ("38 000", 38000)])
def test_numbers(raw, want):
    assert parse_number(raw) == want


@pytest.mark.parametrize("text, context, want", [
    ("1,286.09Euro (EUR) Monthly", "", (1286.09, 1286.09, "EUR", "month")),
    ("1 286,09Euro (EUR) Mensuelle", "", (1286.09, 1286.09, "EUR", "month")),
    ("€4,210 per month", "", (4210, 4210, "EUR", "month")),
    ("4 210 € par mois", "", (4210, 4210, "EUR", "month")),
    ("$52,000–$61,000 a year", "Ottawa, Ontario", (52000, 61000, "CAD", "year")),
    ("de 52 000 $ à 61 000 $ par année", "Gatineau (Québec)", (52000, 61000, "CAD", "year")),
    ("CHF 7'200 monthly", "", (7200, 7200, "CHF", "month")),
    ("GBP 38,000 per annum", "", (38000, 38000, "GBP", "year")),
    # the amount next to the currency, not a count: "(12 times a year)", "13 fois"
    ("Basic monthly salary (12 times a year), exempt from national taxation: EUR 6,327.25", "",
     (6327.25, 6327.25, "EUR", "month")),
    ("entre 2 900 € et 3 400 € bruts mensuels", "", (2900, 3400, "EUR", "month")),
    ("CHF 4'380 brut par mois, 13 fois", "", (4380, 4380, "CHF", "month")),
    ("EUR 25 per hour", "", (25, 25, "EUR", "hour")),
    # a range whose currency follows its upper bound only; a step number before an amount is no range
    ("96 300 – 144 500 USD net par an", "", (96300, 144500, "USD", "year")),
    ("Step 3 - 4 500 EUR per month", "", (4500, 4500, "EUR", "month")),
    # the period in the amount's own clause wins; the others are what the pay is reviewed or paid by
    ("Monthly salary of EUR 4,000, reviewed annually", "", (4000, 4000, "EUR", "month")),
    ("EUR 60,000 per annum, paid monthly", "", (60000, 60000, "EUR", "year")),
    ("Salary: EUR 7,146 (net, monthly)", "", (7146, 7146, "EUR", "month")),
    # a step in brackets between the bounds of a range
    ("Salaire mensuel de base : 5 000 € (échelon 1) à 6 500 € (échelon 8)", "", (5000, 6500, "EUR", "month")),
    # abbreviated periods and thousands
    ("£38,000 – £42,000 pa", "", (38000, 42000, "GBP", "year")),
    ("Salary: EUR 65,000 p.a.", "", (65000, 65000, "EUR", "year")),
    ("Stipend: €1,000/mo", "", (1000, 1000, "EUR", "month")),
    ("€ 4 210 / month", "", (4210, 4210, "EUR", "month")),
    ("Salary: 2,100 GBP per calendar month", "", (2100, 2100, "GBP", "month")),
    ("€52k – €58k per year", "", (52000, 58000, "EUR", "year")),
    ("Pay: C$68,000 to C$74,000 a year", "", (68000, 74000, "CAD", "year")),
    # a bare "$": the location first, then the rest of the notice
    ("$61,235 to $66,235 annually", ("Washington", "Government of Canada"), (61235, 66235, "USD", "year")),
    ("$61,235 to $66,235 annually", ("", "… the Government of Canada …"), (61235, 66235, "CAD", "year")),
    # the Swiss dash of a round amount; a step's number before a colon is no amount
    ("CHF 104'215.– à CHF 139'880.– par an", "", (104215, 139880, "CHF", "year")),
    ("Remuneration at grade A1, step 1: €4,986.35 gross per month", "", (4986.35, 4986.35, "EUR", "month")),
    # the period the words before the amount name, not how it is paid out
    ("Gross annual salary (100% basis): from CHF 98'600.– to CHF 126'300.–, paid in thirteen monthly instalments", "",
     (98600, 126300, "CHF", "year")),
])
def test_salaries(text, context, want):
    got = salary_from(text, context)
    assert (got["min"], got["max"], got["currency"], got["period"]) == want


def test_a_salary_labels_period_before_how_it_is_paid_out():
    got = salary_from("de CHF 98'600.– à CHF 126'300.–, versé en treize mensualités", hint="Salaire annuel brut")
    assert got["period"] == "year"


def test_salary_needs_currency_and_period():
    assert salary_from("38 hours a week") is None
    assert salary_from("EUR 4,000") is None
    # the currency's amount counts millions: no pay, and the other figure is none either
    assert salary_from("investments of roughly USD 900 million, and some 14,000 payments each year") is None


def test_salary_period_from_its_label_or_its_size():
    def got(text, **kw):
        found = salary_from(text, **kw)
        return found and (found["min"], found["max"], found["period"])

    assert got("CAD 61,000 - 66,000", hint="Annual salary") == (61000, 66000, "year")
    # a value labelled as a salary, of a year's size, is a year's pay; a month's size says nothing
    assert got("$75,339 to $83,239", guess=True) == (75339, 83239, "year")
    assert got("EUR 4,000", guess=True) is None
    assert got("$75,339 to $83,239") is None


@pytest.mark.parametrize("text, want", [
    ("35 hours per week, with flexible working", "full-time"), ("24 hours per week, some evenings", "part-time"),
    ("38 h 30 hebdomadaires", "full-time"), ("A 35-hour week", "full-time"),
    ("Taux d'activité : 60 % (3 jours par semaine)", "part-time"), ("Workload: 100 %", "full-time"),
    ("32 hours per week", None),  # between the two: the notice does not say
    ("Salary paid at 100%", None),  # a percentage that is not the workload
])
def test_schedule_told_by_hours_or_workload(text, want):
    from pipeline.stages.fields import schedule_by_amount
    from pipeline.text import fold

    assert schedule_by_amount(fold(text)) == want


def test_a_range_whose_bounds_each_name_a_currency_of_the_data_file():
    assert salary_from("from PLN 22,746 to PLN 28,433 per month") == \
        {"min": 22746.0, "max": 28433.0, "currency": "PLN", "period": "month"}
    assert salary_from("de 22 746 PLN à 28 433 PLN par mois") == \
        {"min": 22746.0, "max": 28433.0, "currency": "PLN", "period": "month"}
    # a published notice prints the zone it has no words for by its IANA name
    assert deadline_from("8 April 2026 at 23:59 (Etc/GMT+12)")["timezone"] == "Etc/GMT+12"


def test_a_west_african_salary_and_deadline():
    assert salary_from("Traitement mensuel de base (exonéré d'impôt) : 1 842 500 FCFA") == \
        {"min": 1842500.0, "max": 1842500.0, "currency": "XOF", "period": "month"}
    found = deadline_from("au plus tard le 30/04/2026 à 17h00 (heure de Bobo-Dioulasso), délai de rigueur")
    assert (str(found["date"]), found["time"], found["timezone"]) == ("2026-04-30", "17:00", "Africa/Ouagadougou")


def test_where_a_start_date_quarter_or_month_starts_in_its_sentence():
    from pipeline.normalize.dates import when_starts

    text = "on a full-time basis in the third quarter of 2026"
    assert text[when_starts(text):] == "third quarter of 2026"
    text = "à compter du ler septembre 2026"  # the "1er" of a scan
    assert text[when_starts(text):] == "ler septembre 2026"
    assert when_starts("March / September 2026") == 0 and when_starts("as soon as possible") is None
