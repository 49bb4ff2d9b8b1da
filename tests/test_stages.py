"""Stage-level tests on small hand-made inputs."""
import dataclasses

import pytest
from datetime import date

from pipeline import lists
from pipeline.align import align, text_cost
from pipeline.lexicon import field_match, heading_key
from pipeline.model import BBox, Line, PageInfo, Word
from pipeline.stages.language import viterbi
from pipeline.stages.layout import dehyphenate, remove_furniture
from pipeline.text import clean, find_urls
from pipeline.tools.langid import probabilities


def L(text, page=1, y=100.0, gap=False, h=10.0):
    words = [Word(text=t, bbox=BBox(50 + 30 * i, y, 75 + 30 * i, y + h), page=page) for i, t in enumerate(text.split())]
    return Line(words=words, page=page, text=text, gap_before=gap)


def placed(text, x, gap=False):
    """A line whose words start at ``x`` (30 points apart), as a page sets an item, its marker or a note."""
    words = [Word(t, BBox(x + 30 * i, 100, x + 30 * i + 25, 110), page=1) for i, t in enumerate(text.split())]
    return Line(words=words, page=1, text=text, gap_before=gap)


def bold(text):
    """A line set apart and printed in bold, as a text layer shows a heading."""
    ln = L(text, gap=True)
    for w in ln.words:
        w.bold = True
    return ln


@pytest.mark.parametrize("text, lang, key", [
    ("CRITERES DE SELECTION", "fr", "criteria"), ("ACQUIS SOUHAITABLES", "fr", "desirable"),
    ("Selection Criteria", "en", "criteria"), ("Essential:", "en", "essential"),
    ("COMPÉTENCES REQUISES", "fr", "competencies"), ("Main accountabilities", "en", "tasks"),
    ("Principales attributions", "fr", "tasks"), ("Qualifications constituant un atout", "fr", "desirable"),
    ("Desirab1e:", "en", "desirable"), ("Our three key roles:", "en", None), ("Teamwork", "en", None),
])
def test_headings_match_even_when_damaged(text, lang, key):
    assert heading_key(text, lang) == key


@pytest.mark.parametrize("text, lang, name, value", [
    ("Application Deadline: 22-Jun-2025", "en", "deadline", "22-Jun-2025"),
    ("Date de retrait : 22-juin-2025", "fr", "deadline", "22-juin-2025"),
    ("Grade INTERN", "en", "grade", "INTERN"),
    ("Niveau de I'habilitation de sécurité NS", "fr", "clearance", "NS"),
    ("Salary (Pay Basis): 1,286.09Euro (EUR) Monthly", "en", "salary", "1,286.09Euro (EUR) Monthly"),
])
def test_header_fields(text, lang, name, value):
    fm = field_match(text, lang)
    assert (fm.name, fm.value) == (name, value)


def _tree(items):
    return [(it.text, _tree(it.children)) for it in items]


def test_lists_nest_and_recover_lost_markers():
    body = [L(t) for t in [
        "The intern will work in one of these areas:",
        "a) Digital outreach",
        "a. Creating content for the website.",
        "Assisting with testing.",
        "b. Working with colleagues",
        "on social media;",
        "b) Research",
        "a. Support research:",
        "1. inform content;",
        "2. inform products.",
        "b. Strengthen cooperation.",
    ]]
    intro, items = lists.parse(body)
    assert [ln.text for ln in intro] == ["The intern will work in one of these areas:"]
    assert _tree(items) == [
        ("Digital outreach", [("Creating content for the website.", []), ("Assisting with testing.", []),
                              ("Working with colleagues on social media;", [])]),
        ("Research", [("Support research:", [("inform content;", []), ("inform products.", [])]),
                      ("Strengthen cooperation.", [])]),
    ]


def test_parent_whose_marker_ocr_lost_is_recovered():
    body = [L(t) for t in ["Communication numérique", "a. créer des contenus ;", "b. travailler ;",
                           "Campagnes & Identité de marque", "a. travailler en collaboration ;",
                           "C) Analyse d'audience", "a. contribuer ;"]]
    _, items = lists.parse(body)
    assert [(it.text, len(it.children)) for it in items] == [
        ("Communication numérique", 2), ("Campagnes & Identité de marque", 1), ("Analyse d'audience", 1)]


@pytest.mark.parametrize("line, style", [("e Achievement: Works", "bullet"), ("¢ Initiative : réagit", "bullet"),
                                         ("« Rich programme", "bullet"), ("o Réflexion analytique", "bullet"),
                                         ("e 6-month traineeship", "bullet"), ("C) 24h media", "alpha-paren"),
                                         ("iv. Fourth", "roman"), ("(3) third", "num-paren"),
                                         ("e.g. this is not a list", None), ("a I'élaboration", None),
                                         # a square bullet as OCR reads it, before a figure too
                                         ("= 5 weeks of holiday", "bullet"), ('" 5 weeks of holiday', "bullet"),
                                         ("™ 50% of your pass", "bullet"), ('"A stable job.', "bullet"), ('"Quoted" words', None),
                                         ("“ensemble de la Section", None),
                                         # a star glued to a word marks a footnote, not an item
                                         ("* Judgement", "bullet"), ("*Significant experience means", None),
                                         # a dirty scan: "(ii)" as "Gi)", "(iii)" as "(iti)", a speck after a dot,
                                         # a bullet read as "+" then a dash
                                         ("Gi) preparing draft decisions", "roman"), ("(iti) évaluer les résultats", "roman"),
                                         ("i.. You communicate clearly", "roman"), ("Git) repository", None),
                                         ("+ -Effective interpersonal relationships", "bullet")])
def test_markers(line, style):
    assert lists.marker(line).style == style


def test_a_misread_roman_numeral_keeps_its_value():
    assert [lists.marker(t).value for t in ("Gi) a law firm", "Gii) a ministry", "(iti) évaluer", "i.. You")] == [2, 3, 3, 1]


def test_unmarked_list_splits_on_semicolons():
    body = [L("Nous offrons :"), L("un stage de 6 mois ;", gap=True), L("un horaire", gap=True), L("temps plein ;")]
    intro, items = lists.parse(body)
    assert [it.text for it in items] == ["un stage de 6 mois ;", "un horaire temps plein ;"]


def test_langdetect_is_limited_to_en_fr_and_seeded():
    p = probabilities("Grade INTERN")
    assert set(p) == {"en", "fr"}
    assert probabilities("be a national of a NATO member state") == probabilities("be a national of a NATO member state")
    assert probabilities("être ressortissant d'un pays membre de l'OTAN")["fr"] > 0.9


def test_viterbi_keeps_a_short_line_in_its_language():
    assert viterbi([8, 8, -1, 8, -9, -9, -9]) == ["en", "en", "en", "en", "fr", "fr", "fr"]
    assert viterbi([9, 9, -9, -9, 9, 9]) == ["en", "en", "fr", "fr", "en", "en"]


def test_running_headers_footers_and_page_numbers_go():
    pages = [PageInfo(number=n, width=595, height=842) for n in (1, 2, 3)]
    per_page = {n: [L("ACME Agency Vacancy 12", n, 20), L(f"Body text of page {n} here.", n, 300, True),
                    L(f"Page {n} of 3", n, 810)] for n in (1, 2, 3)}
    per_page[2].insert(1, L("7", 2, 400, True))
    per_page[2].append(L("Body after.", 2, 420, True))
    removed = remove_furniture(pages, per_page)
    assert sorted(ln.text for ln in removed) == sorted(["ACME Agency Vacancy 12"] * 3 + [f"Page {n} of 3" for n in (1, 2, 3)] + ["7"])
    assert [ln.text for ln in per_page[2]] == ["Body text of page 2 here.", "Body after."]


def test_a_running_header_a_dirty_scan_reads_differently_on_each_page_goes():
    pages = [PageInfo(number=n, width=595, height=842) for n in (1, 2)]
    header = {1: "City of Havre | Ville de Havre — Employment Opportunity", 2: "City of Havre | Vilie de Havre — Employment Opportunity"}
    per_page = {n: [L(header[n], n, 20), L(f"Body text of page {n} here.", n, 300, True)] for n in (1, 2)}
    assert sorted(ln.text for ln in remove_furniture(pages, per_page)) == sorted(header.values())


def test_dehyphenation_joins_split_words_and_keeps_real_hyphens():
    lines = [L("the recruit-"), L("ment process and the well-"), L("being of staff; well-being matters")]
    dehyphenate(lines)
    assert lines[0].text == "the recruitment"
    assert lines[1].text == "process and the well-being"


def test_clean_repairs_french_elision_and_keeps_english():
    acr = {"OTAN": 5, "TOTAN": 2}
    assert clean("les méthodes de TOTAN et de I'OTAN", "fr", acr) == "les méthodes de l'OTAN et de l'OTAN"
    assert clean("'accès au siège de ’OTAN", "fr", acr) == "l'accès au siège de l'OTAN"
    assert clean("I'm sure I'll go", "en", acr) == "I'm sure I'll go"


def test_urls_repaired_across_ocr_space():
    assert find_urls("link: https://x.zoom.us/webinar/register/AWN _HdngpN5hSDaM and more") == [
        "https://x.zoom.us/webinar/register/AWN_HdngpN5hSDaM"]
    assert find_urls("see https://www.nato.int/cps/en/natohq/71157.htm.") == ["https://www.nato.int/cps/en/natohq/71157.htm"]


def test_alignment_leaves_a_gap_for_an_item_in_one_language_only():
    en = ["be a national of a member state", "be at least 21 years old", "speak English or French"]
    fr = ["être ressortissant d'un pays membre", "maîtriser l'anglais ou le français"]
    pairs = align(en, fr, text_cost)
    assert [(a is not None, b is not None) for a, b in pairs].count((True, False)) == 1
    assert len(pairs) == 3


@pytest.mark.parametrize("title, header, want", [
    # a title pair stacked in one block, over a header that alternates line by line
    (["Administrative Assistant", "Assistant(e) administratif(ve)"],
     ["Vacancy notice: e47/2026", "Avis de vacance : e47/2026", "Place of work: Strasbourg, France",
      "Lieu de travail : Strasbourg, France", "Working hours: Full-time", "Temps de travail : Temps plein"],
     ["en", "fr"]),
    (["Scientifique des données", "Data Scientist"],
     ["Référence : GVA/2026/31", "Reference: GVA/2026/31", "Lieu d'affectation : Genève", "Duty station: Geneva",
      "Type de contrat : durée déterminée", "Type of contract: fixed-term"],
     ["fr", "en"]),
    # a title wrapped over two lines, over a header in one language: not a pair
    (["Senior Policy Analyst, Centre for", "Tax Policy and Administration"],
     ["Reference: 2026-0101", "Location: Paris, France", "Closing date: 3 March 2026",
      "Contract: fixed-term appointment of two years"],
     ["en", "en"]),
])
def test_a_stacked_title_pair_is_one_title_in_each_language(title, header, want):
    from pipeline.model import Document
    from pipeline.options import Options
    from pipeline.stages import language

    doc = Document(name="x", data=b"")
    doc.lines = [L(t, y=60 + 14 * n, gap=n in (0, 2)) for n, t in enumerate(title + header)]
    language.run(doc, Options())
    assert [ln.lang for ln in doc.lines[:2]] == want


@pytest.mark.parametrize("line, want", [
    ("Avis de vacance n° e31/2026", "e31/2026"), ("Vacancy notice No. e31/2026", "e31/2026"),
    ("Reference: #2026-17", "2026-17"), ("Reference: NATO 2026/12", "NATO 2026/12"),
    ("AVIS DE VACANCE D'EMPLOI N° BASM/2026/0163", "BASM/2026/0163"),  # the banner's words before the number sign
])
def test_a_number_sign_is_not_part_of_the_reference(line, want):
    from pipeline.stages.fields import _reference
    from pipeline.stages.sections import parse_stream

    out = {}
    _reference(parse_stream([L("Project Manager", gap=True), L(line, gap=True), L("Grade: A2")], "en"), out)
    assert out["reference"].value == want


def test_a_sub_list_printed_without_markers_after_a_lead_in():
    body = [L("Concevoir les activités annuelles du programme."),
            L("Piloter la mise en œuvre des projets pilotes dans les pays partenaires, notamment :"),
            L("la formation des enseignants à l'usage pédagogique du numérique ;"),
            L("la production de ressources éducatives libres en français ;"),
            L("l'équipement des établissements pilotes."),
            L("Assurer la gestion budgétaire et administrative du programme."),
            L("Judgement and decision-making:"), L("identifies the key issues and proposes sound solutions.")]
    _intro, items = lists.parse(body)
    assert _tree(items) == [
        ("Concevoir les activités annuelles du programme.", []),
        ("Piloter la mise en œuvre des projets pilotes dans les pays partenaires, notamment :", [
            ("la formation des enseignants à l'usage pédagogique du numérique ;", []),
            ("la production de ressources éducatives libres en français ;", []),
            ("l'équipement des établissements pilotes.", [])]),
        ("Assurer la gestion budgétaire et administrative du programme.", []),
        ("Judgement and decision-making: identifies the key issues and proposes sound solutions.", [])]


def test_an_item_broken_by_a_column_goes_on_in_lower_case():
    body = [L("Communication : s'exprime clairement et adapte son langage,"),
            L("son ton et la forme de ses messages.", gap=True), L("Esprit d'équipe : collabore avec ses collègues.")]
    assert [it.text for it in lists.parse(body)[1]] == [
        "Communication : s'exprime clairement et adapte son langage, son ton et la forme de ses messages.",
        "Esprit d'équipe : collabore avec ses collègues."]


def test_education_experience_languages_are_parts_of_the_requirements_above_them():
    from pipeline.stages.sections import parse_stream

    lines = [L("Policy Officer", gap=True), L("ESSENTIAL QUALIFICATIONS", gap=True), L("Education", gap=True),
             L("• A master's degree in law."), L("Experience", gap=True), L("• Five years of legal work."),
             L("ASSET QUALIFICATIONS", gap=True), L("Experience", gap=True), L("• Work in a court registry."),
             L("Languages", gap=True), L("• Knowledge of Spanish.")]
    keys = [s.key for s in parse_stream(lines, "en").sections]
    assert keys == ["header", "essential", "essential", "essential", "desirable", "desirable", "desirable"]


def test_an_unknown_heading_numbered_next_in_the_sequence_is_a_heading():
    from pipeline.stages.sections import parse_stream

    lines = [L("Officer", gap=True), L("1. DUTIES", gap=True), L("(a) Draft opinions."),
             L("2. SPECIAL SECURITY ARRANGEMENTS", gap=True), L("(a) Screening applies."),
             L("3. Not a heading."), L("4. ALSO NOT: OUT OF SEQUENCE")]
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert got == [("header", []), ("tasks", ["1. DUTIES"]), ("other", ["2. SPECIAL SECURITY ARRANGEMENTS"])]


def _ocr_page(blocks, skew=0.0):
    """A page as tesseract reads it: blocks of (x, y, text) lines, in tesseract's order."""
    words = []
    for b, block in enumerate(blocks, 1):
        for n, (x, y, text) in enumerate(block, 1):
            for k, t in enumerate(text.split()):
                words.append(Word(t, BBox(x + 40 * k, y, x + 40 * k + 35, y + 9), page=1, conf=90.0, group=(b, 1, n)))
    return PageInfo(number=1, width=595, height=842, method="ocr", words=words, skew=skew)


def test_a_label_value_table_read_column_by_column_is_put_back_row_by_row():
    from pipeline.stages.layout import page_lines

    labels = [(58, 126, "Post / Poste"), (58, 144, "Reference / Référence"), (58, 162, "Grade / Grade"),
              (58, 180, "Salary / Traitement")]
    values = [(242, 126, "Thermal Control Engineer"), (242, 144, "ESSTA/VN/2026/129"), (242, 162, "A3"),
              (242, 180, "EUR 6,412 net per month"), (242, 192, "(tax-free)")]
    got = [ln.text for ln in page_lines(_ocr_page([[(58, 60, "Thermal Control Engineer")], labels, values]))]
    assert got == ["Thermal Control Engineer", "Post / Poste Thermal Control Engineer",
                   "Reference / Référence ESSTA/VN/2026/129", "Grade / Grade A3",
                   "Salary / Traitement EUR 6,412 net per month (tax-free)"]  # a value's wrapped line: its row


def test_a_table_row_read_straight_across_and_a_label_ending_in_an_abbreviation_keep_the_table():
    from pipeline.stages.layout import page_lines

    labels = [(58, 126, "Post / Poste"), (58, 144, "Position No."), (58, 162, "Grade / Grade")]
    values = [(242, 126, "Thermal Control Engineer"), (242, 144, "50094417"), (242, 162, "A3")]
    page = _ocr_page([[(58, 60, "Thermal Control Engineer")], labels, values, [(58, 180, "Salary / Traitement")]])
    # tesseract read this row across, label and value on one line of block 4
    page.words += [Word(t, BBox(x, 180, x + 35, 189), page=1, conf=90.0, group=(4, 1, 1))
                   for x, t in [(242, "EUR"), (282, "6,412"), (322, "net")]]
    got = [ln.text for ln in page_lines(page)]
    assert got == ["Thermal Control Engineer", "Post / Poste Thermal Control Engineer", "Position No. 50094417",
                   "Grade / Grade A3", "Salary / Traitement EUR 6,412 net"]


def test_two_columns_of_running_text_are_not_a_table():
    from pipeline.stages.layout import page_lines

    left = [(56, 100 + 12 * k, "the Section provides thermal engineering support") for k in range(6)]
    right = [(305, 100 + 12 * k, "la Section apporte un appui thermique") for k in range(6)]
    got = [ln.text for ln in page_lines(_ocr_page([left, right]))]
    assert got == [t for _, _, t in left] + [t for _, _, t in right]


def test_a_list_marker_read_as_a_line_of_its_own_goes_back_before_its_text():
    from pipeline.stages.layout import page_lines

    markers = [(70, 100, "(a)"), (70, 124, "(b)")]
    items = [(112, 100, "Draft legal opinions;"), (112, 112, "and memoranda;"), (112, 124, "Revise texts.")]
    got = [ln.text for ln in page_lines(_ocr_page([markers, items]))]
    assert got == ["(a) Draft legal opinions;", "and memoranda;", "(b) Revise texts."]


def test_a_misread_hanging_marker_is_dropped_and_its_item_kept():
    from pipeline.stages.layout import page_lines

    markers = [(70, 100, "(a)"), (70, 124, "mo")]  # "(b)" as a dirty scan reads it
    items = [(112, 100, "Draft legal opinions."), (112, 124, "Revise texts.")]
    got = [ln.text for ln in page_lines(_ocr_page([markers, items]))]
    assert got == ["(a) Draft legal opinions.", "Revise texts."]


def test_an_item_whose_marker_ocr_lost_after_a_sub_list_is_back_at_its_parents_level():
    def at(x, text):
        words = [Word(t, BBox(x + 30 * i, 100, x + 30 * i + 25, 110), page=1) for i, t in enumerate(text.split())]
        return Line(words=words, page=1, text=text)

    body = [at(56, "— Examine complaints, in particular:"),  # text at 86
            at(86, "1) analyse the allegations;"), at(86, "2) draft the conclusions."),  # text at 116
            at(86, "Prepare legal studies."),  # its dash lost: starts where the parent's text starts
            at(86, "Take part in missions.")]
    assert _tree(lists.parse(body)[1]) == [
        ("Examine complaints, in particular:", [("analyse the allegations;", []), ("draft the conclusions.", [])]),
        ("Prepare legal studies.", []), ("Take part in missions.", [])]


def test_a_first_item_taken_for_the_intro_gets_its_sub_list_back():
    def at(x, text, gap=False):
        return placed(text, x, gap)

    body = [at(82, "Plan and coordinate the projects, in particular:", gap=True),  # its dash lost
            at(88, "• prepare annual workplans;"), at(88, "• monitor progress."),
            at(83, "Prepare funding proposals.", gap=True), at(83, "Represent the Unit.", gap=True)]
    intro, items = lists.parse(body)
    assert intro == []
    assert _tree(items) == [("Plan and coordinate the projects, in particular:",
                             [("prepare annual workplans;", []), ("monitor progress.", [])]),
                            ("Prepare funding proposals.", []), ("Represent the Unit.", [])]


def test_an_item_set_left_of_the_sub_items_is_back_at_the_parents_level():
    def at(x, text, page=1):
        words = [Word(t, BBox(x + 30 * i, 100, x + 30 * i + 25, 110), page=page) for i, t in enumerate(text.split())]
        return Line(words=words, page=page, text=text)

    # the parent on one page, its unmarked sub-list and its siblings (markers lost) on the next
    body = [at(72, "• Provide technical advice."), at(72, "• Support governments, parliaments and institutions in:"),
            at(97, "reviewing draft legislation;", 2), at(97, "planning campaigns.", 2),
            at(80, "Contribute to guidance notes.", 2)]
    assert _tree(lists.parse(body)[1]) == [
        ("Provide technical advice.", []),
        ("Support governments, parliaments and institutions in:", [("reviewing draft legislation;", []), ("planning campaigns.", [])]),
        ("Contribute to guidance notes.", [])]


@pytest.mark.parametrize("texts, tree", [
    (["I. Manage the team.", "a. hire staff;", "b. train them.", "II. Draft reports."],
     [("Manage the team.", [("hire staff;", []), ("train them.", [])]), ("Draft reports.", [])]),
    (["g. one;", "h. two;", "i. three;", "j. four."], [("one;", []), ("two;", []), ("three;", []), ("four.", [])]),
    (["1. one:", "i. sub;", "ii. sub.", "2. two."], [("one:", [("sub;", []), ("sub.", [])]), ("two.", [])]),
])
def test_a_one_letter_marker_is_a_roman_numeral_or_a_letter_by_its_neighbours(texts, tree):
    assert _tree(lists.parse([L(t) for t in texts])[1]) == tree


def test_roman_numbered_headings_follow_their_sequence():
    from pipeline.stages.sections import parse_stream

    lines = [L("Officer", gap=True), L("I. DUTIES", gap=True), L("(a) Draft opinions."),
             L("II. SPECIAL ARRANGEMENTS", gap=True), L("(a) Screening applies.")]
    assert [s.key for s in parse_stream(lines, "en").sections] == ["header", "tasks", "other"]


def test_a_value_set_in_from_its_label_goes_on_over_several_lines():
    from pipeline.stages.sections import parse_stream

    def at(x, y, text, gap=False):
        words = [Word(t, BBox(x + 30 * i, y, x + 30 * i + 25, y + 10), page=1) for i, t in enumerate(text.split())]
        return Line(words=words, page=1, text=text, gap_before=gap)

    lines = [at(56, 60, "Project Manager for the Human Rights Co-operation Programme", gap=True),
             at(56, 90, "Entity: Human Rights Department", gap=True),
             at(120, 104, "Directorate General Human Rights"), at(120, 118, "Rule of Law"),
             at(56, 132, "Grade: A2")]
    parsed = parse_stream(lines, "en")
    assert parsed.field("unit").match.value == \
        "Human Rights Department Directorate General Human Rights Rule of Law"


def test_a_heading_one_language_words_its_own_way_takes_the_key_of_its_twin():
    from pipeline.sectionkeys import borrow_keys, pair_sections
    from pipeline.stages.sections import parse_stream

    en = parse_stream([L("Analyst", gap=True), L("How to apply", gap=True), L("Apply online by 3 May."),
                       L("Main accountabilities", gap=True), L("• Draft the 2026 report."),
                       L("• Brief the EU delegation.")], "en")
    fr = parse_stream([L("Analyste", gap=True), L("Comment postuler", gap=True), L("Postulez en ligne avant le 3 mai."),
                       L("CE QUI VOUS ATTEND AU QUOTIDIEN", gap=True), L("• Rédiger le rapport 2026."),
                       L("• Informer la délégation de l'EU.")], "fr")
    assert [s.key for s in fr.sections] == ["header", "process", "other"]
    borrow_keys(pair_sections(en.sections, fr.sections))
    assert [s.key for s in fr.sections] == ["header", "process", "tasks"]
    assert [it.text for it in fr.sections[2].items] == ["Rédiger le rapport 2026.", "Informer la délégation de l'EU."]


def test_two_headings_the_lexicon_names_differently_keep_their_keys():
    from pipeline.sectionkeys import borrow_keys, pair_sections
    from pipeline.stages.sections import parse_stream

    en = parse_stream([L("Analyst", gap=True), L("Main accountabilities", gap=True), L("• Draft the report.")], "en")
    fr = parse_stream([L("Analyste", gap=True), L("Qualifications essentielles", gap=True), L("• Un master.")], "fr")
    borrow_keys(pair_sections(en.sections, fr.sections))
    assert [s.key for s in en.sections] == ["header", "tasks"] and [s.key for s in fr.sections] == ["header", "essential"]


def _row(cells, y, page=1, h=10.0):
    """A line of words placed at given x positions: [(x, "text"), ...]."""
    words = []
    for x, text in cells:
        for t in text.split():
            words.append(Word(text=t, bbox=BBox(x, y, x + 6 * len(t), y + h), page=page))
            x += 6 * len(t) + 4
    return Line(words=words, page=page, text=" ".join(w.text for w in words), gap_before=False)


def test_a_table_row_splits_where_the_value_column_starts():
    from pipeline.bilingual import split_all

    rows = [_row([(60, "Vacancy reference / Référence de l'avis"), (300, "ALSA/LOG/26-0093")], 100),
            _row([(60, "Duty location / Lieu d'affectation"), (300, "Bertrange, Luxembourg")], 120),
            _row([(60, "NATO grade / Grade OTAN"), (300, "G15")], 140),
            _row([(60, "Closing date / Date de clôture"), (300, "15 March 2026 / 15 mars 2026")], 160)]
    rows[0].words[5].bbox = BBox(250, 100, 286, 110)  # "l'avis" ends close to the value column
    got = [(ln.lang_hint, ln.text) for ln in split_all(rows)]
    assert got == [("en", "Vacancy reference: ALSA/LOG/26-0093"), ("fr", "Référence de l'avis : ALSA/LOG/26-0093"),
                   ("en", "Duty location: Bertrange, Luxembourg"), ("fr", "Lieu d'affectation : Bertrange, Luxembourg"),
                   ("en", "NATO grade: G15"), ("fr", "Grade OTAN : G15"),
                   ("en", "Closing date: 15 March 2026"), ("fr", "Date de clôture : 15 mars 2026")]


def test_a_word_joined_across_a_line_end_stays_joined_when_the_line_is_split():
    from pipeline.bilingual import split_bilingual

    line = _row([(60, "Directorate / Direction"), (300, "Logistics Directorate / Direction des opérations logis-")], 100)
    line.text = line.text[:-len("logis-")] + "logistiques"  # what the layout stage's dehyphenation leaves
    assert [ln.text for ln in split_bilingual(line)] == ["Directorate: Logistics Directorate",
                                                         "Direction : Direction des opérations logistiques"]


def test_unknown_bilingual_headings_split_like_the_known_ones_of_the_notice():
    from pipeline.bilingual import split_all

    lines = [L("Duties / Tâches", gap=True), L("Must-haves / Les incontournables", gap=True),
             L("How to apply / Comment postuler", gap=True), L("Health and Safety / Environment", gap=True)]
    got = [(ln.lang_hint, ln.text) for ln in split_all(lines)]
    assert got[:6] == [("en", "Duties"), ("fr", "Tâches"), ("en", "Must-haves"), ("fr", "Les incontournables"),
                       ("en", "How to apply"), ("fr", "Comment postuler")]
    assert got[6:] == [(None, "Health and Safety / Environment")]  # both halves English: one line


def test_short_unmarked_phrases_are_one_item_each_and_keep_their_language():
    from pipeline.stages.language import evidence

    en = ["Sound judgement and tact", "Calm under pressure", "Clear communication with the public",
          "Integrity and fairness"]
    fr = ["Jugement sûr et tact", "Calme sous pression", "Communication claire avec le public", "Intégrité et équité"]
    scores, _ = evidence([L(t, y=100 + 12 * k) for k, t in enumerate(en + fr)])
    assert viterbi(scores) == ["en"] * 4 + ["fr"] * 4
    intro, items = lists.parse([L(t) for t in en])
    assert [it.text for it in items] == en


def test_a_short_lead_in_over_indented_lines_without_markers_has_a_sub_list():
    def at(text, x):
        ln = L(text)
        ln.words[0].bbox = BBox(x, 100, x + 20, 110)
        for w in ln.words[1:]:
            w.bbox = BBox(x + 30, 100, x + 50, 110)
        return ln

    lines = [at("» A shift premium.", 60), at("» Paid training, including:", 60),
             at("officer certification;", 110), at("first aid courses.", 110), at("» A City vehicle.", 60)]
    _, items = lists.parse(lines)
    assert _tree(items) == [("A shift premium.", []), ("Paid training, including:", [
        ("officer certification;", []), ("first aid courses.", [])]), ("A City vehicle.", [])]


def test_a_bracketed_numeral_glued_to_its_text_is_a_marker():
    assert lists.marker("(iii)preparing reports") == lists.Marked("roman", 3, "preparing reports")
    assert lists.marker("(b)drafting") == lists.Marked("alpha-paren", 2, "drafting")


def test_a_department_under_an_employer_line_is_the_unit():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("By-law Officer", gap=True), L("Employer: City of Havre-Doré", gap=True),
                           L("Department: Community Safety and By-law Services"), L("Duties", gap=True),
                           L("• Patrol.")], "en")
    values = read(parsed, "en")
    assert (values["organization"].text, values["unit"].text) == ("City of Havre-Doré",
                                                                  "Community Safety and By-law Services")


def test_a_guessed_heading_after_the_header_fields_starts_the_body():
    from pipeline.stages.sections import parse_stream

    lines = [L("By-law Officer", gap=True, h=16), L("Employer: City of Havre-Doré", gap=True),
             L("Apply by: 2026-05-08"), L("THE JOB IN SHORT", gap=True), L("We need an officer."),
             L("ROLLING UP YOUR SLEEVES", gap=True), L("• Patrol."), L("How to apply", gap=True), L("Online.")]
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert [k for k, _ in got] == ["header", "other", "other", "process"]
    assert got[1][1] == ["THE JOB IN SHORT"]


def test_a_number_marker_before_a_figure_and_an_item_starting_with_one():
    assert lists.marker("3. 27 days' annual leave.") == lists.Marked("num-dot", 3, "27 days' annual leave.")
    assert lists.marker("3.5 years of experience").style is None
    _, items = lists.parse([L("A stable job in a caring team."), L("5 weeks of holiday.")])
    assert [it.text for it in items] == ["A stable job in a caring team.", "5 weeks of holiday."]


def test_a_heading_in_capitals_wrapped_by_a_narrow_column_is_one_heading():
    from pipeline.stages.sections import parse_stream

    def at(text, x1, gap=False):
        ln = L(text, gap=gap)
        ln.words[-1].bbox = BBox(x1 - 20, 100, x1, 110)
        return ln

    lines = [at("Officer", 100, True), at("PRINCIPAL DUTIES", 120, True), at("• Plan the work.", 250),
             at("SPECIAL REQUIREMENTS AND ADDITIONAL", 250, True), at("DUTIES", 90), at("Travel is required.", 200),
             at("HOW TO APPLY", 120, True), at("Online.", 80)]
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert got[1:] == [("tasks", ["PRINCIPAL DUTIES"]), ("other", ["SPECIAL REQUIREMENTS AND ADDITIONAL", "DUTIES"]),
                       ("process", ["HOW TO APPLY"])]


def test_a_sentence_is_no_heading_and_a_slash_heading_names_one_section():
    assert heading_key("The incumbent's duties are:", "en") is None
    assert heading_key("Duties:", "en") == "tasks"
    assert heading_key("Education/Training", "en") == "qualification"


def test_a_start_date_label_is_not_the_title():
    m = field_match("Poste vacant à compter du : 1er juin 2026", "fr", colon_only=True, guess=True)
    assert (m.name, m.value) == ("start", "1er juin 2026")


def test_a_header_label_nobody_knows_is_read_by_what_its_value_says():
    m = field_match("Nature of post: Fixed-term, 2 years, renewable", "en", colon_only=True, guess=True)
    assert (m.name, m.value) == ("contract", "Fixed-term, 2 years, renewable")
    # stems that barely name a field ("poste", "régime") give way to the value's words
    assert field_match("Nature du poste : CDD de 12 mois", "fr", colon_only=True, guess=True).name == "contract"
    assert field_match("Régime : Contrat à durée indéterminée", "fr", colon_only=True, guess=True).name == "contract"
    # outside the header (no guessing) nothing is read from the value; an unknown value stays unknown
    assert field_match("Nature of post: Fixed-term", "en", colon_only=True) is None
    assert field_match("Nature of post: Senior", "en", colon_only=True, guess=True) is None
    assert field_match("Entry into post: as soon as possible", "en", colon_only=True, guess=True).name == "start"
    assert field_match("Attached to: Directorate of Legal Affairs", "en", colon_only=True, guess=True).name == "unit"
    assert field_match("Home base: Heron Point Field Station", "en", colon_only=True, guess=True).name == "location"
    assert field_match("Job: Head of Section", "en", colon_only=True, guess=True).name == "title"


def test_a_paragraph_of_prose_beside_a_marked_list_of_the_same_kind_is_not_an_item():
    """(One sentence alone may be an item whose marker a scan lost: it stays.)"""
    from pipeline.model import Document
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.reconcile import _items_of
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Chargé de mission", gap=True), L("MISSIONS", gap=True),
                           L("Au sein du secrétariat général, le département prépare le budget. Le ou la"),
                           L("titulaire conçoit le contrôle de gestion."),
                           L("ACTIVITÉS PRINCIPALES", gap=True), L("– Concevoir les tableaux de bord ;"),
                           L("– Analyser les écarts."),
                           L("CONDITIONS DE TRAVAIL", gap=True),
                           L("Le poste est basé à Lyon. Le télétravail est possible deux jours par semaine."),
                           L("RÉMUNÉRATION", gap=True), L("– Entre 2 900 € et 3 400 € bruts mensuels."),
                           L("EXIGENCES ESSENTIELLES", gap=True), L("Un master en gestion."),
                           L("FORMATION", gap=True), L("– Cinq ans d'expérience.")], "fr")
    assert [s.key for s in parsed.sections] == ["header", "tasks", "tasks", "offer", "offer", "essential", "essential"]
    doc = Document(name="x.pdf", data=b"")
    doc.parsed = {"fr": parsed}
    settle_keys(doc.parsed)
    assert [it.text for it in _items_of(doc, "fr", "tasks")] == ["Concevoir les tableaux de bord ;", "Analyser les écarts."]
    assert [it.text for it in _items_of(doc, "fr", "offer")] == ["Entre 2 900 € et 3 400 € bruts mensuels."]
    assert [it.text for it in _items_of(doc, "fr", "essential")] == ["Un master en gestion.", "Cinq ans d'expérience."]


def _unknown_heading_over(heading, items, lang="en"):
    """The section an unknown heading, bold and set apart, starts over a marked list, once its key is settled."""
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    head = bold(heading)  # a heading by its look only: words the lexicon does not know
    duties = "DUTIES" if lang == "en" else "TÂCHES"
    parsed = parse_stream([L("Officer", gap=True), L(duties, gap=True), L("• Plan."), head]
                          + [L(f"• {it}") for it in items], lang)
    section = parsed.sections[-1]
    assert (section.key, section.guessed) == ("other", True)
    settle_keys({lang: parsed})
    return section


def test_an_unknown_heading_over_a_list_is_what_its_items_speak_of():
    remarks = _unknown_heading_over("REMARKS", ["A definite duration contract of three years.",
                                                "Expatriation allowance.", "30 days of annual leave and a pension scheme."])
    assert remarks.key == "offer" and len(remarks.items) == 3
    daily = _unknown_heading_over("What fills your week", ["Coordinate the preparation of the annual work programme.",
                                                      "Draft briefing notes for senior management.",
                                                      "Monitor the budget and report on its execution."])
    assert daily.key == "tasks"
    profil = _unknown_heading_over("Ce que vous avez déjà", [
        "Diplôme universitaire de niveau master en économie ou en statistique.",
        "Au moins cinq années d'expérience professionnelle pertinente.",
        "Excellente connaissance de l'une des deux langues officielles."], "fr")
    assert profil.key == "essential"


def test_an_unknown_heading_over_a_list_that_speaks_of_none_of_the_lists_stays_other():
    steps = _unknown_heading_over("In practice", ["Submit your application through the online portal.",
                                                 "Shortlisted candidates will be invited to a written test.",
                                                 "Successful candidates will be placed on a reserve list."])
    assert steps.key == "other" and steps.items == []
    short = _unknown_heading_over("Misc", ["Blue.", "Green."])  # the items say nothing known: left alone
    assert short.key == "other"


def _unknown_heading_over_prose(heading, paragraph, lang="en"):
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    duties = "DUTIES" if lang == "en" else "TÂCHES"
    parsed = parse_stream([L("Officer", gap=True), L(duties, gap=True), L("• Plan."), bold(heading),
                           L(paragraph, gap=True)], lang)
    section = parsed.sections[-1]
    assert (section.key, section.guessed) == ("other", True)
    settle_keys({lang: parsed})
    return section.key


def test_an_unknown_heading_over_prose_is_what_its_text_speaks_of():
    assert _unknown_heading_over_prose("What happens then", "Please submit your application and your CV through the online "
                                       "portal before the closing date. Only shortlisted candidates will be contacted "
                                       "for an interview.") == "process"
    assert _unknown_heading_over_prose("Le mot de la fin", "Nous encourageons les candidatures de femmes et d'hommes "
                                       "de toutes origines ; notre organisation valorise la diversité et "
                                       "l'inclusion.", "fr") == "values"
    # prose that speaks of a list's kind (tasks) gives no list, and words nobody knows give no key
    assert _unknown_heading_over_prose("Daily life", "Plan. Draft. Coordinate the work programme.") == "other"
    assert _unknown_heading_over_prose("Misc", "Blue green.") == "other"


def test_a_first_item_whose_marker_ocr_lost_is_an_item_not_the_intro():
    def at(text, x0, text_x=None, gap=True):
        ln = L(text, gap=gap)
        xs = [x0] + [text_x or x0 + 12] * (len(ln.words) - 1)
        for w, x in zip(ln.words, xs):
            w.bbox = BBox(x, 100, x + 10, 110)
        return ln

    lines = [at("Recruit, train and retain volunteers.", 359), at("• Organise the schedules.", 347, 359),
             at("• Lead team meetings.", 347, 359)]
    intro, items = lists.parse(lines)
    assert intro == [] and [it.text for it in items] == ["Recruit, train and retain volunteers.",
                                                         "Organise the schedules.", "Lead team meetings."]
    flush = [at("Your tasks include the following.", 347)] + lines[1:]  # set where the markers are: an intro
    intro, items = lists.parse(flush)
    assert [ln.text for ln in intro] == ["Your tasks include the following."] and len(items) == 2


def test_a_one_word_heading_in_capitals_over_a_list_is_a_heading_without_bold():
    from pipeline.stages.sections import parse_stream

    lines = [L("Officer", gap=True), L("DUTIES", gap=True), L("• Plan."), L("REMARKS", gap=True),
             L("• A definite duration contract."), L("• Expatriation allowance.")]
    assert [s.key for s in parse_stream(lines, "en").sections] == ["header", "tasks", "other"]
    prose = [L("Officer", gap=True), L("DUTIES", gap=True), L("• Plan."), L("REMARKS", gap=True), L("None.")]
    assert [s.key for s in parse_stream(prose, "en").sections] == ["header", "tasks"]  # over no list: body text


def test_a_heading_in_capitals_under_an_empty_one_in_capitals_is_its_sibling():
    from pipeline.stages.sections import parse_stream

    lines = [L("Officer", gap=True), L("WHO WE ARE", gap=True), L("THE JOB", gap=True), L("• Recruit volunteers."),
             L("HOW TO APPLY", gap=True), L("Online.")]
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert got[1:] == [("summary", ["WHO WE ARE"]), ("other", ["THE JOB"]), ("process", ["HOW TO APPLY"])]


def test_a_tasks_section_in_prose_above_the_marked_tasks_list_is_the_summary():
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Chargé de mission", gap=True), L("MISSIONS", gap=True),
                           L("Le département prépare le budget. Le ou la titulaire conçoit le contrôle de gestion."),
                           L("ACTIVITÉS PRINCIPALES", gap=True), L("– Concevoir les tableaux de bord ;"),
                           L("– Analyser les écarts.")], "fr")
    settle_keys({"fr": parsed})
    assert [s.key for s in parsed.sections] == ["header", "summary", "tasks"]


@pytest.mark.parametrize("text", ["INTÉRESSÉ:E ?", "Intéressé·e ?", "Statisticien(ne)"])
def test_inclusive_french_counts_as_french_in_capitals_and_as_ocr_reads_it(text):
    from pipeline.langwords import INCLUSIVE_FR

    assert INCLUSIVE_FR.search(text)


def test_a_grade_code_has_no_accent():
    from pipeline.stages.fields import _grade

    assert (_grade("À"), _grade("A2"), _grade("AS-O2")) == ("A", "A2", "AS-02")


def test_a_bold_numbered_heading_the_lexicon_does_not_know_is_a_heading():
    from pipeline.stages.sections import parse_stream

    lines = [L("Officer", gap=True), L("Closing date: 3 March 2026"), bold("1. Who We Are"), L("A body of 30 states."),
             bold("2. Duties"), L("• Plan the work."), bold("3. What Would Make the Difference"),
             L("• A doctorate would be an asset."), L("1. Plan the budget.", gap=True)]  # a plain numbered item: no heading
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert [h for _, h in got[1:]] == [["1. Who We Are"], ["2. Duties"], ["3. What Would Make the Difference"]]


def test_a_known_heading_gives_way_only_to_a_list_that_overwhelmingly_speaks_of_another_kind():
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    def notice(heading, items):
        parsed = parse_stream([L("Officer", gap=True), L("DUTIES", gap=True), L("• Plan."), L(heading, gap=True)]
                              + [L(f"• {it}") for it in items], "en")
        settle_keys({"en": parsed})
        return parsed.sections[-1].key

    assets = ["Working knowledge of French would be an asset.", "Knowledge of German would be an asset.",
              "Experience of large conferences would be an asset."]
    assert notice("COMPETENCIES", assets) == "desirable"
    assert notice("COMPETENCIES", ["Teamwork: shares credit.", "Communication: writes clearly.",
                                   "Knowledge of German would be an asset."]) == "competencies"
    assert notice("PROFESSIONAL BACKGROUND", ["At least five years of professional experience in statistics.",
                                              "Proven experience in developing indicators.",
                                              "A university degree in economics."]) == "essential"


def test_a_short_line_over_a_list_is_a_heading_on_a_scan_that_gives_no_bold():
    from pipeline.stages.sections import parse_stream

    at = placed

    lines = [at("Officer", 56, True), at("Closing date: 3 March 2026", 56), at("The challenge", 56, True),
             at("You will survey wetlands.", 56, True), at("In practical terms, you will:", 56, True),
             at("– Survey the marshes.", 56, True), at("– Map invasive plants.", 56),
             at("What you bring", 56, True),  # a list whose markers the scan lost: its items hang right
             at("A college diploma in ecology.", 83, True), at("Three years of field work.", 83, True),
             at("Assets that will set you apart", 56, True), at("– A boating licence.", 56),
             at("Also:", 56, True), at("– First aid.", 56),  # in a list section, a lead-in to more items
             at("Analysis and research", 83, True), at("– Model the flows.", 90)]  # an item's label, right of the edge
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert [h for _, h in got[1:]] == [["The challenge"], ["In practical terms, you will:"], ["What you bring"],
                                      ["Assets that will set you apart"]]


def test_a_twin_lends_the_key_its_items_give_it():
    """"AUTRES CONNAISSANCES ET APTITUDES" names competencies, but every item "constitue un atout": the French list
    is desirable, and so is its English twin, whose markers the scan lost."""
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    fr = parse_stream([L("Assistant(e)", gap=True), L("TÂCHES", gap=True), L("• Organiser les réunions."),
                       L("AUTRES CONNAISSANCES ET APTITUDES", gap=True),
                       L("• Une connaissance pratique du français constitue un atout."),
                       L("• La connaissance de l'allemand constitue un atout."),
                       L("• Une expérience des grandes conférences constitue un atout.")], "fr")
    en = parse_stream([L("Assistant", gap=True), L("DUTIES", gap=True), L("• Organize the meetings."),
                       L("OTHER SKILLS AND KNOWLEDGE", gap=True),
                       L("Working knowledge of French would be an asset.", gap=True),
                       L("Knowledge of German would be an asset.", gap=True),
                       L("Experience of large conferences would be an asset.", gap=True)], "en")
    settle_keys({"en": en, "fr": fr})
    assert (fr.sections[-1].key, en.sections[-1].key) == ("desirable", "desirable")
    assert len(en.sections[-1].items) == 3


def test_a_bullet_where_the_last_one_stood_is_its_sibling_wherever_ocr_puts_the_text():
    def at(words):  # (text, x) per word
        return Line(words=[Word(t, BBox(x, 100, x + 8 * len(t), 110), page=1) for t, x in words], page=1, gap_before=True)

    lines = [at([("-", 57), ("A", 65), ("fixed-term", 76), ("contract.", 130)]),
             at([("-", 57), ("Anet", 76), ("monthly", 97), ("salary.", 140)]),  # OCR glued "A net" and moved it right
             at([("-", 57), ("Thirty", 65), ("days", 100), ("of", 125), ("leave.", 140)])]
    intro, items = lists.parse(lines)
    assert [(it.text, len(it.children)) for it in items] == [
        ("A fixed-term contract.", 0), ("Anet monthly salary.", 0), ("Thirty days of leave.", 0)]


def test_an_empty_heading_the_lexicon_does_not_know_is_no_text_of_the_heading_above():
    """A published record prints a list whole under its first heading and its parts' headings empty: "Outils",
    right over the next heading, is a heading of its own, not an item of "Expérience professionnelle"; and
    "Profil recherché" holds the list."""
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Économiste", gap=True), bold("Profil recherché"), L("– Un master en économie."),
                           L("– Cinq ans d'expérience."), bold("Formation"), bold("Expérience professionnelle"),
                           bold("Outils"), bold("Langues"), bold("Atouts"), L("– Une expérience de terrain.")], "fr")
    got = [(s.key, s.heading[0].text if s.heading else "", [it.text for it in s.items]) for s in parsed.sections[1:]]
    assert got[:4] == [("essential", "Profil recherché", ["Un master en économie.", "Cinq ans d'expérience."]),
                       ("essential", "Formation", []), ("essential", "Expérience professionnelle", []),
                       ("essential", "Outils", [])]  # between two parts of the requirements: a part too


def test_a_heading_in_title_case_may_end_on_a_word_a_sentence_would_go_on_from():
    from pipeline.stages.sections import _dangles

    assert _dangles("Le poste s'adresse à un profil étudiant à")
    assert not _dangles("What We Are Looking For") and not _dangles("WHAT WE ARE LOOKING FOR")


def test_group_names_a_section_announced_are_no_headings_on_a_scan():
    """"… dans l'un des domaines suivants :" then "Communication numérique" over items a. to e., then "Campagnes"
    over items restarting at a.: the names of the groups the section announced, not headings."""
    from pipeline.stages.sections import parse_stream

    lines = [L("Stagiaire", gap=True), L("Closing date: 3 March 2026"), L("TÂCHES", gap=True),
             L("Vous travaillerez dans l'un des domaines suivants :", gap=True),
             L("Communication numérique", gap=True), L("a. créer des contenus ;", gap=True), L("b. les diffuser."),
             L("Campagnes et marque", gap=True), L("a. préparer des campagnes.", gap=True),
             L("Profil idéal", gap=True), L("– Un master.", gap=True)]
    got = [[ln.text for ln in s.heading] for s in parse_stream(lines, "fr").sections[1:]]
    assert got == [["TÂCHES"], ["Profil idéal"]]


def _cell_row(cells, y, gap):
    """A text-layer line: (x, text) cells, one word box per word (5 points a letter)."""
    words = []
    for x, text in cells:
        for t in text.split():
            words.append(Word(t, BBox(x, y, x + 5 * len(t), y + 9), page=1))
            x += 5 * len(t) + 3
    return Line(words=words, page=1, text=" ".join(w.text for w in words), gap_before=gap)


def test_a_table_whose_cells_wrap_gives_one_line_per_row():
    from pipeline.tables import text_table_rows

    lines = [_cell_row([(60, "Notice No. / Avis n°"), (244, "0712/NMD/26")], 100, True),
             _cell_row([(60, "Place of assignment / Lieu"), (244, "Brussels / Bruxelles")], 120, True),
             _cell_row([(60, "d'affectation")], 131, False),
             _cell_row([(60, "Division / Divi-"), (244, "Data Management Divi-")], 151, True),
             _cell_row([(60, "sion"), (244, "sion / Division")], 162, False),
             _cell_row([(244, "de la gestion des données")], 173, False),
             _cell_row([(60, "Grade"), (244, "A3")], 193, True),
             _cell_row([(56, "The Agency is an intergovernmental organisation.")], 213, True)]
    got = [ln.text for ln in text_table_rows(lines)]
    assert got == ["Notice No. / Avis n° 0712/NMD/26", "Place of assignment / Lieu d'affectation Brussels / Bruxelles",
                   "Division / Division Data Management Division / Division de la gestion des données", "Grade A3",
                   "The Agency is an intergovernmental organisation."]
    # rows set tight: what goes on in lower case is still the rest of a cell ("Unité adminis-" over "trative") ...
    tight = [dataclasses.replace(ln, gap_before=False) for ln in lines]
    assert [ln.text for ln in text_table_rows(tight)] == got
    # ... but a line under a row that starts a new phrase may be the next row, its value on the line below
    tight.insert(7, _cell_row([(60, "Reporting line")], 204, False))
    assert [ln.text for ln in text_table_rows(tight)][3:5] == ["Grade A3", "Reporting line"]


def test_a_list_followed_at_once_by_its_twin_splits_into_halves_of_the_same_length():
    from pipeline.stages.language import _twin_halves

    texts = ["• Judgment", "• Initiative", "• Dependability", "• Jugement", "• Initiative", "• Fiabilité"]
    lines = [L(t, gap=(k == 0)) for k, t in enumerate(texts)]
    scores = [3.0, 3.0, 3.0, -3.0, 3.0, -3.0]  # "Jugement" and "Initiative": one leans each way
    viterbi_said = ["en", "en", "en", "en", "en", "fr"]
    assert _twin_halves(lines, scores, viterbi_said) == ["en", "en", "en", "fr", "fr", "fr"]
    sure = [3.0, 3.0, 3.0, 6.0, 3.0, -3.0]  # the fourth item is English by its words: the halves differ
    assert _twin_halves(lines, sure, viterbi_said) == viterbi_said


def test_a_note_under_a_list_left_of_its_markers_is_no_item():
    at = placed

    body = [at("• Significant* experience in modelling rivers.", 70), at("• Experience in dam safety.", 70),
            at("*Significant experience means five years.", 56, gap=True)]
    intro, items = lists.parse(body)
    assert [it.text for it in items] == ["Significant* experience in modelling rivers.", "Experience in dam safety."]
    lost = body[:2] + [at("Experience in reporting.", 82, gap=True)]  # an item whose marker OCR lost: still an item
    assert len(lists.parse(lost)[1]) == 3


def test_a_sentence_announcing_the_lists_under_the_sub_headings_is_no_item():
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Engineer", gap=True), bold("Essential qualifications"),
                           L("Applicants must show how they meet each of the following criteria.", gap=True),
                           bold("Education"), L("• A degree in engineering."), bold("Experience"),
                           L("• Five years of experience.")], "en")
    settle_keys({"en": parsed})
    got = [(s.key, [it.text for it in s.items]) for s in parsed.sections[1:]]
    assert got == [("essential", []), ("essential", ["A degree in engineering."]),
                   ("essential", ["Five years of experience."])]


def test_a_bulleted_line_is_an_item_not_a_heading_whatever_its_words():
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Engineer", gap=True), bold("Asset qualifications"), L("• Education:"),
                           L("  o A master's degree."), L("• Experience:"), L("  o Modelling software.")], "en")
    assert [s.key for s in parsed.sections] == ["header", "desirable"]


def test_an_unknown_label_under_a_field_is_the_next_field_not_its_value_wrapping():
    from pipeline.stages.sections import parse_stream

    wide = 500.0

    def at(text, gap=False):
        ln = L(text, gap=gap)
        ln.words[-1].bbox = BBox(wide - 20, 100, wide, 110)  # every line runs to the right edge: "wrapped"
        return ln

    parsed = parse_stream([L("Officer", gap=True), at("Nature of contract: three-year fixed-term contract"),
                           at("Posting: Marseille (France)"), bold("DUTIES"), L("• Plan.")], "en")
    assert parsed.field("contract").match.value == "three-year fixed-term contract"


def test_a_grade_after_its_category():
    from pipeline.stages.fields import _grade

    assert [_grade(g) for g in ("A – A3", "G - 7", "AS-02", "EN-ENG-04")] == ["A3", "G - 7", "AS-02", "EN-ENG-04"]


def test_a_parent_heading_over_a_marked_list_of_its_own_is_what_its_items_speak_of():
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Engineer", gap=True), bold("Conditions of eligibility"), L("• Nationality of a member state."),
                           bold("Required profile"), L("• A university degree in aeronautical engineering."),
                           L("• At least eight years of professional experience."),
                           L("• Very good knowledge of English or French.")], "en")
    assert [s.key for s in parsed.sections[1:]] == ["essential", "criteria"]
    settle_keys({"en": parsed})
    assert [s.key for s in parsed.sections[1:]] == ["essential", "essential"] and len(parsed.sections[2].items) == 3


def test_facts_stated_in_running_text():
    from pipeline.prose import facts

    en = ("The successful candidate will be offered a temporary agent contract of four years, renewable, at grade AD 7, "
          "based in Luxembourg, within the Data Services Unit of the Operations Department.")
    assert facts(en, "en") == {"location": "Luxembourg", "grade": "AD 7", "contract": "temporary agent contract of four years, renewable",
                               "unit": "Data Services Unit of the Operations Department"}
    fr = ("La personne retenue se verra proposer un contrat d'agent temporaire de quatre ans, renouvelable, au grade AD 7, "
          "avec affectation à Luxembourg, au sein de l'unité Services de données du département Opérations, pour une "
          "prise de fonctions prévue en septembre 2026.")
    assert facts(fr, "fr") == {"location": "Luxembourg", "grade": "AD 7", "unit": "unité Services de données du département Opérations",
                               "contract": "contrat d'agent temporaire de quatre ans, renouvelable"}
    # a contract that says neither its kind nor its length, a grade that is no code: nothing
    assert facts("Under the contract, the staff member reports to the Head. The grade is high.", "en") == {}


def test_an_organisation_defined_with_its_acronym_is_named_by_each_use_of_it():
    from pipeline import orgs

    texts = ["The European Agency for Public Procurement Data (EAPPD) is organising a selection procedure.",
             "The EAPPD is a decentralised agency of the European Union, funded by the European Union.",
             "Staff of the EAPPD are employed under the rules of the European Union."]
    assert orgs.find(texts, [], "en") == ("European Agency for Public Procurement Data", True)


def test_a_reference_code_in_the_header_without_a_label():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Data Engineer", gap=True), L("Selection procedure EAPPD/2026/TA/0044 for the", gap=True),
                           L("recruitment of a temporary agent and the establishment of a reserve list"),
                           bold("About us"), L("We publish data on 12/03/2026 contracts.", gap=True)], "en")
    assert read(parsed, "en")["reference"].value == "EAPPD/2026/TA/0044"


def test_the_end_of_one_sentence_and_the_start_of_the_next_is_no_heading():
    assert heading_key("Union. The Agency offers:", "en") is None
    assert heading_key("1. DUTIES", "en") == "tasks"


def test_a_conjunction_alone_under_an_item_ends_it():
    body = [L("– à un cycle de quatre années ;"), L("ou"), L("– à un cycle de trois années ;")]
    assert [it.text for it in lists.parse(body)[1]] == ["à un cycle de quatre années ; ou", "à un cycle de trois années ;"]


def test_a_scanned_table_whose_label_cells_wrap_is_put_back_one_line_per_row():
    from pipeline.stages.layout import page_lines

    labels = [(60, 128, "Reference / Référence"), (60, 147, "Directorate / Direction et"), (60, 160, "division"),
              (60, 193, "Place / Lieu"), (60, 205, "d'affectation"), (60, 225, "Grade / Grade"),
              (60, 257, "Appointment / Type de"), (60, 269, "nomination")]
    values = [(244, 128, "0712/NMD/26"), (244, 147, "Network Management Divi-"), (244, 160, "sion / Direction du réseau"),
              (244, 193, "Brussels / Bruxelles"), (244, 225, "A3"), (244, 257, "Fixed-term / Durée déterminée")]
    got = [ln.text for ln in page_lines(_ocr_page([[(56, 66, "Senior Engineer")], labels, values]))]
    assert got == ["Senior Engineer", "Reference / Référence 0712/NMD/26",
                   "Directorate / Direction et division Network Management Division / Direction du réseau",
                   "Place / Lieu d'affectation Brussels / Bruxelles", "Grade / Grade A3",
                   "Appointment / Type de nomination Fixed-term / Durée déterminée"]


def test_items_whose_markers_a_scan_lost_above_a_lead_in_are_its_elder_siblings():
    def at(x, text, gap=False):
        return placed(text, x, gap)

    body = [at(86, "Lead hydrologic studies of dams.", gap=True), at(86, "Review the safety of the structures.", gap=True),
            at(86, "Develop and calibrate flood forecasting models, including:", gap=True), at(91, "o preparing daily outlooks;", gap=True),
            at(91, "o assessing emergency operations.", gap=True), at(85, "Manage engineering contracts.", gap=True)]
    intro, items = lists.parse(body)
    assert intro == [] and [it.text for it in items] == [
        "Lead hydrologic studies of dams.", "Review the safety of the structures.", "Develop and calibrate flood forecasting models, including:",
        "Manage engineering contracts."] and len(items[2].children) == 2


def test_an_item_and_its_twin_without_markers_are_judged_one_by_one():
    from pipeline.langwords import stop_lean
    from pipeline.stages.language import _parts

    block = [L("Eligibility for licensing as a Professional Engineer in a Canadian province or territory."),
             L("Admissibilité au permis d'ingénieur dans une province ou un territoire du Canada.")]
    assert len(_parts(block, [stop_lean(ln.text) for ln in block])) == 2


def test_a_dash_inside_a_sentence_of_prose_is_no_marker():
    prose = [L("La Division publie les données aéronautiques statiques et dynamiques"),
             L("– structures de l'espace aérien, routes et procédures – dont dépend la planification des vols.")]
    assert lists.parse(prose)[1][0].text.startswith("La Division") and len(lists.parse(prose)[1]) == 1
    field = [L("Basic monthly salary: EUR 7,412.36, tax free"), L("- A three-year contract at grade G15.")]
    assert [it.text for it in lists.parse(field)[1]] == ["A three-year contract at grade G15."]


def test_a_heading_nobody_knows_between_two_parts_of_the_requirements_is_a_part():
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Engineer", gap=True), bold("Essential qualifications"), bold("Education"),
                           L("• A degree in engineering."), bold("Occupational certification"),
                           L("• Eligibility for licensing as a Professional Engineer."), bold("Experience"),
                           L("• Five years of experience.")], "en")
    assert [(s.key, len(s.items)) for s in parsed.sections[2:]] == [("essential", 1)] * 3


def test_a_list_marker_is_no_language_evidence_and_a_ring_read_as_o_is_a_marker():
    from pipeline.stages.language import _unmarked

    assert _unmarked("e Judgment") == "Judgment" and _unmarked("Judgment") == "Judgment"
    assert lists.marker("O preparing daily outlooks;").style == "bullet"
    assert lists.marker("O Canada, our home").style is None


def test_a_list_whose_top_level_lost_its_markers_but_not_its_sub_items_is_marked():
    body = [L("A university degree in one of the following fields:"), L("(i) aerospace engineering;"),
            L("(ii) geodesy."), L("At least eight years of professional experience.", gap=True)]
    assert lists.marked(lists.parse(body)[1])


def test_a_page_number_whose_figures_a_dirty_scan_misread():
    from pipeline.stages.layout import _page_number

    assert _page_number("Page | sur2") and _page_number("Page l of 3") and _page_number("- 3 -")
    assert not _page_number("I") and not _page_number("Pages 1 to 3 of the form")
    pages = [PageInfo(number=1, width=595, height=842)]
    per_page = {1: [L("Body text of the page.", 1, 300), L("1772", 1, 812, True)]}  # "1/2" misread, alone in the margin
    assert [ln.text for ln in remove_furniture(pages, per_page)] == ["1772"]


def test_a_lead_in_whose_marker_was_lost_over_a_sub_list_numbered_from_one_set_where_its_text_starts():
    def at(x, text, gap=False):
        return placed(text, x, gap)

    body = [at(58, "Under the authority of the Chief, the incumbent will:", gap=True),
            at(89, "Coordinate the early warning projects, which involves in particular:", gap=True),
            at(88, "(i) planning activities;"), at(87, "(ii) preparing reports."),
            at(84, "Develop technical guidelines.", gap=True), at(83, "Design training material.", gap=True)]
    intro, items = lists.parse(body)
    assert [ln.text for ln in intro] == ["Under the authority of the Chief, the incumbent will:"]
    assert [(it.text, len(it.children)) for it in items][:2] == [
        ("Coordinate the early warning projects, which involves in particular:", 2), ("Develop technical guidelines.", 0)]


def test_items_whose_markers_a_scan_lost_set_tight_above_a_short_lead_in():
    body = [placed("Respond to complaints about parking and noise.", 83), placed("Conduct inspections and patrols, including:", 83),
            placed("° site visits to properties;", 89), placed("° seasonal patrols of parks.", 89),
            placed("Issue warnings and tickets.", 84), placed("Testify in court when required.", 83)]
    intro, items = lists.parse(body)
    assert intro == [] and [it.text for it in items] == [
        "Respond to complaints about parking and noise.", "Conduct inspections and patrols, including:",
        "Issue warnings and tickets.", "Testify in court when required."] and len(items[1].children) == 2
    assert not lists._lead_in_text("Judgement and decision-making:") and lists._lead_in_text("Paid training, including:")


def test_a_table_tesseract_read_row_by_row_is_cut_at_its_value_column_and_its_wrapped_labels_joined():
    from pipeline.stages.layout import page_lines

    def row(n, y, label, value=None):
        words = [Word(t, BBox(58 + 40 * k, y, 93 + 40 * k, y + 9), page=1, conf=90.0, group=(2, 1, n))
                 for k, t in enumerate(label.split())]
        if value:
            words += [Word(t, BBox(242 + 40 * k, y, 277 + 40 * k, y + 9), page=1, conf=90.0, group=(2, 1, n))
                      for k, t in enumerate(value.split())]
        return words

    words = [Word("Engineer", BBox(58, 60, 120, 72), page=1, conf=90.0, group=(1, 1, 1))]
    words += row(1, 126, "Category and / Catégorie", "A1") + row(2, 138, "niveau") + \
        row(3, 160, "Place / Lieu", "Strasbourg") + row(4, 180, "Vacancy / Avis", "VN/77")
    page = PageInfo(number=1, width=595, height=842, method="ocr", words=words)
    assert [ln.text for ln in page_lines(page)] == ["Engineer", "Category and / Catégorie niveau A1",
                                                     "Place / Lieu Strasbourg", "Vacancy / Avis VN/77"]


def test_a_table_row_whose_bilingual_label_nobody_knows_is_split_in_the_tables_order():
    from pipeline.bilingual import _table_row_pair, _value_halves

    row = _cell_row([(66, "Category and level / Catégorie et niveau"), (300, "A1")], 200, True)
    assert [(p.text, p.lang_hint) for p in _table_row_pair(row, "en", 300.0)] == [
        ("Category and level: A1", "en"), ("Catégorie et niveau : A1", "fr")]
    assert _table_row_pair(_cell_row([(66, "Health and Safety / Environment"), (300, "A1")], 200, True), "en", 300.0) is None
    value = _cell_row([(245, "12/06/2026 (midnight, Strasbourg time / minuit, heure de Strasbourg)")], 200, False).words
    assert [_value_halves(value)[k] for k in (1, 3)] == ["12/06/2026 (midnight, Strasbourg time)",
                                                         "12/06/2026 (minuit, heure de Strasbourg)"]


def test_an_opening_title_in_each_language_one_of_them_wrapped():
    from pipeline.stages.language import evidence, _titles

    lines = [L("Technical Officer – Inland Vessel Standards", gap=True),
             L("Administrateur technique / Administratrice technique – Normes des bateaux"),
             L("de navigation intérieure"), L("The Commission is an intergovernmental body of the member States.", gap=True)]
    scores, _ = evidence(lines)
    _titles(lines, scores)
    assert scores[0] > 0 and scores[1] < 0 and scores[2] < 0


def test_a_heading_named_by_its_stems_only_gives_way_to_a_list_of_requirements():
    from pipeline.stages.sections import parse_stream
    from pipeline.sectionkeys import settle_keys

    parsed = parse_stream([L("Trainee", gap=True), bold("CAN I APPLY?"),
                           L("» You graduated less than two years ago (bachelor's or master's degree)."),
                           L("» You are a national of a member country of the Institute."),
                           L("» You have a good command of English or French; Italian is a plus."),
                           bold("APPLY NOW"), L("Fill in the online form with your CV and a motivation letter.")], "en")
    settle_keys({"en": parsed})
    assert [s.key for s in parsed.sections[1:]] == ["essential", "process"]


def test_a_french_name_defined_with_its_acronym_skips_the_small_words_in_its_initials():
    from pipeline import orgs

    text = ("La Commission internationale pour la navigation sur le Rhin supérieur (CINRS) est une organisation "
            "intergouvernementale.")
    assert orgs.find([text], [], "fr")[0] == "Commission internationale pour la navigation sur le Rhin supérieur"


def test_numbered_bilingual_headings_one_half_unknown_split_too():
    from pipeline.bilingual import split_bilingual

    assert [(ln.lang_hint, ln.text) for ln in split_bilingual(L("5. A plus / Constituent un atout", gap=True))] == [
        ("en", "5. A plus"), ("fr", "Constituent un atout")]
    assert [ln.lang_hint for ln in split_bilingual(L("8. Applying / Dépôt des candidatures", gap=True))] == ["en", "fr"]


def test_a_label_value_line_among_the_fields_of_a_header_is_no_heading():
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Technician", gap=True), L("Security screening: Reliability Status", gap=True),
                           L("Linguistic profile: English essential", gap=True),
                           L("Who can apply: Persons residing in Canada", gap=True), bold("Duties"),
                           L("• Sample the catches.")], "en")
    assert [s.key for s in parsed.sections if s.key != "header"] == ["tasks"]


def test_a_title_in_larger_type_over_a_table_whose_cells_wrap_is_no_row():
    from pipeline.tables import text_table_rows

    def sized(line, size):
        line.words = [dataclasses.replace(w, size=size) for w in line.words]
        return line

    title = [sized(_cell_row([(56, "Technicienne en sciences halieutiques"), (245, "(évaluation des")], 60, True), 16.0),
             sized(_cell_row([(56, "stocks)")], 78, False), 16.0)]
    rows = [sized(_cell_row([(60, label), (245, value)], y, True), 10.0)
            for label, value, y in [("Number / Numéro", "FJ-26", 120), ("Location / Lieu", "Halifax", 140),
                                    ("Grade / Classe", "TS-06", 160)]]
    assert [ln.text for ln in text_table_rows(title + rows)][:2] == [title[0].text, "stocks)"]


def test_short_lines_each_over_sub_items_set_in_from_them_are_parents_whose_bullets_a_scan_lost():
    body = [placed("Education", 83), placed("o A diploma in fisheries technology.", 88),
            placed("Experience", 83), placed("o Experience in sampling fish.", 89), placed("o Experience in ageing fish.", 89),
            placed("Knowledge", 84), placed("o Knowledge of fish biology.", 89)]
    intro, items = lists.parse(body)
    assert intro == [] and [(it.text, len(it.children)) for it in items] == [
        ("Education", 1), ("Experience", 2), ("Knowledge", 1)]


def test_a_line_set_in_over_marked_sub_items_is_an_item_not_a_heading():
    from pipeline.stages.sections import _can_start_heading

    lines = [placed("Merit criteria", 56, True), placed("Education", 83, True), placed("o A diploma in fisheries.", 88),
             placed("The selection board will assess each candidate.", 56, True)]
    assert _can_start_heading(lines, 0) and not _can_start_heading(lines, 1)


def test_items_whose_markers_a_scan_lost_before_a_page_break_open_like_the_marked_ones():
    def on(page, x, text, gap=True):
        ln = placed(text, x, gap)
        ln.words = [dataclasses.replace(w, page=page) for w in ln.words]
        ln.page = page
        return ln

    body = [on(3, 78, "Responsabilité : tient ses engagements."), on(3, 78, "Collaboration : instaure la confiance."),
            on(4, 73, "— Adaptabilité : ajuste ses plans."), on(4, 73, "— Intégrité : respecte les principes.", False)]
    intro, items = lists.parse(body)
    assert intro == [] and [it.text.split(" :")[0] for it in items] == [
        "Responsabilité", "Collaboration", "Adaptabilité", "Intégrité"]
    prose = [on(3, 56, "Our values guide everything we do."), on(4, 73, "— Adaptabilité : ajuste ses plans.")]
    assert lists.parse(prose)[0] == prose[:1]


def test_the_wrapped_end_of_a_title_keeps_its_language_and_alternating_fields_two_by_two_split():
    from pipeline.stages.language import evidence, _titles

    lines = [L("Fisheries Science Technician (Stock Assessment)", gap=True),
             L("Technicienne ou technicien en sciences halieutiques (évaluation des", gap=True),
             L("stocks)", gap=True), L("Competition number: FJ-26", gap=True)]
    scores, _ = evidence(lines)
    _titles(lines, scores)
    assert scores[2] < 0
    block = [L("Département : Opérations, Unité de la chaîne d'approvisionnement", gap=True),
             L("Duty station: Geneva, Switzerland")]
    scores, starts = evidence(block)
    assert scores[0] < 0 < scores[1] and starts == [True, True]


def test_a_field_in_a_list_of_practical_details_is_read_and_an_accented_acronym_defines_its_name():
    from pipeline import orgs
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Analyst", gap=True), bold("Practicalities"), L("– Reference: IFEM/2026/075"),
                           L("– Duty station: Paris, France"), L("Apply online with your CV.", gap=True)], "en")
    assert parsed.field("reference").match.value == "IFEM/2026/075" and parsed.field("location").match.value == "Paris, France"
    text = "Le Forum intergouvernemental sur l'énergie et la mobilité (FIEM) réunit trente pays."
    assert orgs.find([text], [], "fr")[0] == "Forum intergouvernemental sur l'énergie et la mobilité"


def test_a_second_group_lead_in_set_where_the_first_stood_is_no_item_and_tenure_names_a_contract():
    body = [placed("Asset experience:", 56, True), placed("• Experience in a court registry.", 70),
            placed("• Experience in organizing hearings.", 70), placed("Asset education:", 56, True),
            placed("• A college diploma in paralegal studies.", 70)]
    intro, items = lists.parse(body)
    assert [it.text for it in items] == ["Experience in a court registry.", "Experience in organizing hearings.",
                                         "A college diploma in paralegal studies."]
    assert field_match("Tenure: Indeterminate (permanent)", "en").name == "contract"
    assert field_match("Tenure: Full-time", "en").name == "schedule"


def test_a_weak_line_of_a_column_takes_a_share_of_its_columns_language():
    from pipeline.stages.language import _column_prior

    def at(x, y, text):
        ln = L(text, y=y)
        ln.words = [dataclasses.replace(w, bbox=BBox(x + 30 * k, y, x + 30 * k + 25, y + 10)) for k, w in enumerate(ln.words)]
        return ln

    lines = [at(56, 100 + 30 * k, f"English line {k}") for k in range(8)] + \
        [at(310, 100 + 30 * k, f"Ligne française {k}") for k in range(8)]
    # the top of the French column: a title, then lines langdetect calls English ("Institut alpin de formation
    # internationale", "Ou : Turin, Italie"), then clear French
    scores = [8.0] * 8 + [-2.9, -0.7, 3.2, 1.2, 3.7, -9.5, -9.5, -10.3]
    assert viterbi(list(scores), 2.0)[8:13] != ["fr"] * 5
    _column_prior(lines, scores)
    assert viterbi(scores, 2.0)[8:] == ["fr"] * 8 and scores[:8] == [8.0] * 8
    one_column = [at(56, 100 + 14 * k, "line") for k in range(4)]
    flat = [8.0, 1.0, 8.0, 8.0]
    _column_prior(one_column, flat)
    assert flat == [8.0, 1.0, 8.0, 8.0]


def test_several_first_items_whose_markers_were_lost_set_in_where_the_items_text_starts():
    body = [placed("Une expérience des cadres de modélisation.", 79, True), placed("Une connaissance des réseaux.", 79, True),
            placed("Des publications reconnues.", 79, True), placed("— La connaissance d'une troisième langue.", 67, True)]
    body[-1].words = [dataclasses.replace(w, bbox=BBox(w.bbox.x0 - (18 if k else 0), 100, w.bbox.x1 - (18 if k else 0), 110))
                      for k, w in enumerate(body[-1].words)]  # the dash at 67, its text at 79
    intro, items = lists.parse(body)
    assert intro == [] and len(items) == 4
    with_intro = [placed("Les qualifications suivantes seraient un plus.", 52, True)] + body
    assert [ln.text for ln in lists.parse(with_intro)[0]] == ["Les qualifications suivantes seraient un plus."]


def test_a_titles_wrapped_line_set_tight_in_lower_case_is_the_titles():
    from pipeline.stages.sections import _wraps_into

    title = L("Analyste en modélisation énergétique — Systèmes électriques et", y=57.6, h=12)
    title.words = [dataclasses.replace(w, bbox=BBox(w.bbox.x0, 57.6, w.bbox.x1, 76.5 if k == 0 else 69.6))
                   for k, w in enumerate(title.words)]  # a skewed scan: the line's box taller than its type
    assert _wraps_into(title, [L("mobilité électrique", y=79.8, h=12)])
    assert not _wraps_into(title, [L("Le Forum et l'équipe", y=79.8, h=12)])
    assert not _wraps_into(title, [L("mobilité électrique", y=120.0, h=12)])


def test_an_items_wrapped_lines_show_where_its_text_starts_and_its_last_line_is_no_parent():
    body = [placed("¢ Schedule hearings, and coordinate the related", 65),
            placed("logistics, in particular:", 78), placed("—hearing rooms and court", 83),
            placed("reporting services;", 104), placed("— video conference links", 92), placed("with the parties.", 104)]
    body[2].words = [dataclasses.replace(body[2].words[0], bbox=BBox(83, 100, 118, 110))] + body[2].words[1:]
    intro, items = lists.parse(body)
    assert len(items) == 1 and [c.text for c in items[0].children] == [
        "hearing rooms and court reporting services;", "video conference links with the parties."]


def test_a_letterhead_in_small_type_above_the_title_pair_is_not_its_first_line():
    from pipeline.stages.language import evidence, _titles

    letterhead = L("Agence intergouvernementale de coordination de la navigation aérienne", gap=True, h=6)
    lines = [letterhead, L("Senior Engineer — Airspace Data Quality", gap=True, h=12),
             L("Ingénieur(e) principal(e) — Qualité des données", gap=True, h=11), L("Notice No.: 0712/NMD/26", gap=True)]
    scores, _ = evidence(lines)
    _titles(lines, scores)
    assert scores[1] > 0 > scores[2]
    from pipeline.stages.fields import _grade
    assert _grade("A- A3") == "A3" and _grade("P-3") == "P-3"


def test_a_salary_sentence_wrapped_over_lines_and_a_bare_dollar_read_by_the_notice():
    from pipeline.stages import fields
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Analyst", gap=True), bold("What we offer"),
                           L("The Government of Canada offers an annual salary of", gap=True),
                           L("$61,235 to $66,235 and a pension plan.")], "en")
    salary = fields.read(parsed, "en")["salary"]
    assert salary.value == {"min": 61235, "max": 66235, "currency": "CAD", "period": "year"}
    assert salary.text.startswith("The Government of Canada offers")


def test_a_group_name_in_plain_type_inside_the_requirements_is_neither_a_heading_nor_an_item():
    from pipeline.stages.sections import parse_stream

    body = [placed("Education:", 56), placed("– A diploma in museum technology.", 70),
            placed("Experience:", 56), placed("– Experience handling museum objects.", 70),
            placed("– Experience recording data in a database.", 70),
            placed("Conditions of employment:", 56), placed("– Obtain a Reliability Status screening.", 70)]
    parsed = parse_stream([L("Technician", gap=True), bold("ESSENTIAL QUALIFICATIONS")] + body, "en")
    assert [s.key for s in parsed.sections] == ["header", "essential"]
    assert [it.text for it in parsed.sections[1].items] == [
        "A diploma in museum technology.", "Experience handling museum objects.",
        "Experience recording data in a database.", "Obtain a Reliability Status screening."]
    # a parent item whose bullet a scan lost starts where its siblings' text does: still a parent
    lost = [placed("• Clean and map datasets.", 56), placed("Join one research team:", 68),
            placed("– urban heat", 80), placed("– flood risk", 80)]
    intro, items = lists.parse(lost)
    assert [it.text for it in items] == ["Clean and map datasets.", "Join one research team:"]
    assert [c.text for c in items[1].children] == ["urban heat", "flood risk"]


def test_a_requirements_heading_over_text_after_the_essential_criteria_is_a_part_of_them():
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Economist", gap=True), bold("ESSENTIAL QUALIFICATIONS"),
                           placed("• A degree in economics.", 56), placed("• Experience in forecasting.", 56),
                           bold("Official language requirements"), L("English essential.", gap=True),
                           bold("Nice to have"), placed("• GIS experience.", 56),
                           placed("• You work in English and French.", 56)], "en")
    assert [(s.key, s.part) for s in parsed.sections[1:]] == [("essential", False), ("essential", True),
                                                              ("desirable", False)]


def test_an_unknown_label_over_a_paid_internship_names_the_contract():
    assert field_match("The gig: 4-month paid internship (May to August 2026)", "en", guess=True).name == "contract"
    assert field_match("Le stage : Stage rémunéré de 4 mois (mai à août 2026)", "fr", guess=True).name == "contract"


def test_a_weak_item_takes_its_lists_language_and_the_paragraph_after_a_list_may_switch():
    from pipeline.stages.language import _list_prior, _outdented

    lines = [placed("• Thinking things through", 70), placed("• Working effectively with others", 70),
             placed("• Showing initiative", 70), placed("• Written communication", 70),
             placed("Nous évaluerons les qualités suivantes :", 56), placed("• Réflexion approfondie", 70)]
    scores = [3.8, 3.8, 4.7, -2.0, -10.4, -3.0]
    _list_prior(lines, scores)
    assert scores[3] > 0 and scores[4] == -10.4
    assert _outdented(lines, 4) and not _outdented(lines, 3) and not _outdented(lines, 5)


def test_a_letterhead_naming_the_body_is_above_the_title_and_a_narrow_columns_first_line_is_no_heading():
    from pipeline.stages.sections import parse_stream

    big = L("Administrateur(trice) chargé(e) de l'audit interne", gap=True, h=16)
    parsed = parse_stream([L("Organisation danubienne pour la sécurité énergétique (ODSE)", gap=True), big,
                           L("Classe : P3", gap=True), L("Basé à : Vienne, Autriche"),
                           bold("Le poste en bref"), L("L'équipe Chaîne d'approvisionnement d'urgence", gap=True),
                           L("veille à ce que les fournitures parviennent aux populations.")], "fr")
    assert [ln.text for ln in parsed.title] == ["Administrateur(trice) chargé(e) de l'audit interne"]
    assert parsed.field("location").match.value == "Vienne, Autriche"
    assert [s.key for s in parsed.sections] == ["header", "summary"]


def test_a_note_under_the_requirements_heading_over_its_parts_is_no_criterion():
    from pipeline.model import Document
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.reconcile import _items_of
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Officer", gap=True), bold("Minimum Requirements"),
                           L("Candidates who do not meet all of the requirements below will not be considered.", gap=True),
                           bold("Education"), placed("1. A university degree in logistics.", 56),
                           bold("Experience"), placed("1. Two years of experience in procurement.", 56)], "en")
    doc = Document(name="x.pdf", data=b"")
    doc.parsed = {"en": parsed}
    settle_keys(doc.parsed)
    assert [it.text for it in _items_of(doc, "en", "essential")] == [
        "A university degree in logistics.", "Two years of experience in procurement."]


def test_a_clearance_stated_as_a_condition_a_shared_label_over_a_bilingual_value_and_a_start_that_dates_interviews():
    from pipeline import prose
    from pipeline.bilingual import _shared_label_row
    from pipeline.stages import fields
    from pipeline.stages.sections import parse_stream

    assert prose.facts("Obtain and maintain a Reliability Status security screening.", "en") == \
        {"clearance": "Reliability Status"}
    assert prose.facts("une habilitation de sécurité de niveau Secret", "fr") == {"clearance": "Secret"}
    assert prose.facts("Le secret professionnel s'applique.", "fr") == {}
    row = placed("Division", 60)
    row.words += [Word(t, BBox(200 + 40 * k, 100, 235 + 40 * k, 110), page=1) for k, t in
                  enumerate("Collections Management Division / Division de la gestion des collections".split())]
    row.text = " ".join(w.text for w in row.words)
    en, fr = _shared_label_row(row, "en", None)
    assert (en.text, en.lang_hint) == ("Division: Collections Management Division", "en")
    assert (fr.text, fr.lang_hint) == ("Division : Division de la gestion des collections", "fr")
    parsed = parse_stream([L("Analyst", gap=True), bold("How to apply"),
                           L("Interviews will take place in the week commencing 13 April 2026.", gap=True)], "en")
    assert "start" not in fields.read(parsed, "en")
    assert heading_key("PRÉSENTATION DES CANDIDATURES", "fr") == "process"


def test_a_square_bullet_read_as_two_glyphs_a_heading_that_trails_off_and_two_names_either_side_of_a_slash():
    from pipeline import orgs
    from pipeline.lists import marker
    from pipeline.stages.sections import _caps_heading

    assert marker('=" Join one of three research teams:').text == "Join one of three research teams:"
    assert marker("“_ Nettoyer, analyser et cartographier").text == "Nettoyer, analyser et cartographier"
    assert marker("™ $2,400 / month stipend").text == "$2,400 / month stipend"
    assert marker('"Quoted" words').style is None
    assert _caps_heading(L("YOU ARE...")) and _caps_heading(L("BONUS POINTS…"))
    header = "AURORA : Institute for Climate and Data Science/ Institut de science du climat et des données"
    assert orgs.find([header], [], "fr")[0] == "Institut de science du climat et des données"


def test_a_number_ocr_lost_leaves_its_dot_and_the_item_stays_a_sibling():
    items = lists.parse([placed("1. Diplôme universitaire du deuxième cycle.", 326),
                         placed(". Certification professionnelle en achats.", 330),
                         placed(". Expérience sur le terrain.", 330)])[1]
    assert [it.text for it in items] == ["Diplôme universitaire du deuxième cycle.",
                                         "Certification professionnelle en achats.", "Expérience sur le terrain."]
    # after the first item's sub-items, set further right: still the first item's siblings
    items = lists.parse([placed("1. plan the characterisation of arrays, including:", 75, True),
                         placed("a) measuring dark current;", 92, True), placed("b) preparing test reports;", 92, True),
                         placed(". specify and procure detector hardware;", 79, True),
                         placed(". integrate the detector subsystems.", 79, True)])[1]
    assert [(it.text, len(it.children)) for it in items] == [
        ("plan the characterisation of arrays, including:", 2), ("specify and procure detector hardware;", 0),
        ("integrate the detector subsystems.", 0)]


def test_a_letterhead_naming_the_body_is_no_title_of_either_language():
    from pipeline import orgs
    from pipeline.stages.language import _titles

    lines = [L("Danube Energy Security Organization (DESO)", gap=True), L("Internal Audit Officer", gap=True),
             L("Vacancy Announcement No.: OIOE/2026/0340", gap=True), L("Duty station: Vienna, Austria", gap=True)]
    scores = [3.6, 2.99, 4.5, 9.5]
    _titles(lines, scores)
    assert scores[1] > 0 and orgs.is_name(lines[0].text) and not orgs.is_name(lines[1].text)


def test_short_phrases_whose_markers_ocr_lost_stay_items_and_a_speck_after_a_group_name():
    items = lists.parse([placed("— Dependability", 64), placed("— Teamwork", 64), placed("— Judgement", 64),
                         placed("Adaptability", 75), placed("Respect for the objects and their communities", 75)])[1]
    assert [it.text for it in items] == ["Dependability", "Teamwork", "Judgement", "Adaptability",
                                         "Respect for the objects and their communities"]
    wrapped = lists.parse([placed("— Knowledge of the principles of preventive conservation and of", 64),
                           placed("the standards for the care of collections.", 75)])[1]
    assert len(wrapped) == 1
    grouped = lists.parse([placed("— A diploma in museum technology.", 70), placed("Knowledge: f", 56),
                           placed("— Knowledge of conservation.", 70)])[1]
    assert [it.text for it in grouped] == ["A diploma in museum technology.", "Knowledge of conservation."]
    roman = lists.parse([placed("iv. Draft clear audit observations.", 88), placed(". Follow up on recommendations.", 92),
                         placed("vi. Contribute to the work plan.", 87)])[1]
    assert len(roman) == 3


def _skewed_ocr_page(rows, skew=2.2):
    """An OCR'd page turned by ``skew`` degrees: ``rows`` of (levelled y, x0, x1), 9-point words 40 points apart,
    each row one tesseract line of one paragraph."""
    from pipeline import imaging

    page = PageInfo(number=1, width=595, height=842, method="ocr", skew=skew)
    for k, (y, x0, x1) in enumerate(rows):
        for j, x in enumerate(range(int(x0), int(x1) - 30, 40)):
            cx, cy = imaging.unrotate(x + 15, y + 4.5, skew, page.width, page.height)
            page.words.append(Word(f"w{k}{j}", BBox(cx - 15, cy - 4.5, cx + 15, cy + 4.5), page=1, conf=90.0,
                                   group=(1, 1, k + 1)))
    return page


def test_a_skewed_scans_short_line_under_a_long_one_is_no_paragraph_gap():
    from pipeline.stages.layout import page_lines

    # a long line, then a short one (an item's last line), then a long one: 14 points apart on the levelled page;
    # on the turned page the short line's box centre stands 7 points off the long lines' (a false gap before)
    rows = [(100, 60, 540), (114, 60, 540), (128, 60, 160), (142, 60, 540), (156, 60, 540), (170, 60, 160),
            (198, 60, 540), (212, 60, 540)]
    lines = page_lines(_skewed_ocr_page(rows))
    assert [ln.gap_before for ln in lines] == [True, False, False, False, False, False, True, False]


def test_a_skewed_scans_title_is_told_by_its_words_height_not_its_lines_box():
    from pipeline.stages.sections import _height

    title = L("Summer Research Internships 2026", y=60, h=14)
    tagline = L("Spend your summer turning climate data into tools that", y=90, h=9)
    tagline.words = [dataclasses.replace(w, bbox=BBox(w.bbox.x0, 90 + 1.2 * k, w.bbox.x1, 99 + 1.2 * k))
                     for k, w in enumerate(tagline.words)]  # turned 2 degrees: its box 20 points tall
    assert tagline.bbox.height > title.bbox.height and _height([title]) > _height([tagline])


def test_facts_stated_in_prose_a_grade_at_a_sentences_end_a_kind_of_post_and_no_language_level():
    from pipeline.prose import facts

    assert facts("The post is graded B-5 on the civilian grading scale.", "en") == {"grade": "B-5"}
    assert facts("Six technicians on a six-month seasonal contract (1 June to 30 November). The posts are graded B-4.",
                 "en") == {"grade": "B-4", "contract": "six-month seasonal contract"}
    assert facts("six techniciens sous contrat saisonnier de six mois. Les postes sont classés au grade B-4.", "fr") == \
        {"grade": "B-4", "contract": "contrat saisonnier de six mois"}
    assert facts("You will be offered a full-time, fixed-term employment contract of 30 months at level R2 of the "
                 "research career framework.", "en") == {"grade": "R2", "contract": "fixed-term employment contract of 30 months"}
    assert facts("This is a permanent position, full-time and non-union.", "en") == {"contract": "permanent position"}
    assert facts("Il s'agit d'un poste permanent, à temps plein.", "fr") == {"contract": "poste permanent"}
    # a post of a person, a language level, a decimal: none of them
    assert facts("The position of Head of Unit reports to the Director.", "en") == {}
    assert facts("English at level C1 is required.", "en") == {}
    assert facts("at grade P-3.5 of the scale", "en") == {}


def test_a_grade_and_its_step():
    from pipeline.stages.fields import _grade

    assert [_grade(g) for g in ("P3, step 1", "P3, échelon 1", "AD 6", "AS-O2")] == ["P3", "P3", "AD 6", "AS-02"]


def test_the_contract_and_grade_in_what_the_post_offers_and_a_start_date_in_a_sentence():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Programme Officer", gap=True), bold("What we offer"),
                           L("The successful candidate will be offered a fixed-term appointment of three years, "
                             "renewable. The expected start date is 1 September 2026.", gap=True)], "en")
    got = read(parsed, "en")
    assert got["contract"].value == "fixed-term appointment of three years, renewable"
    assert got["start"].value == "1 September 2026"
    # the offer's items name no location: only the contract and the grade are read there
    parsed = parse_stream([L("Officer", gap=True), bold("What we offer"), L("– A post based in Geneva.", gap=True)], "en")
    assert "location" not in read(parsed, "en")


def test_paragraphs_of_long_sentences_beside_a_marked_list_are_no_items():
    from pipeline.model import Document
    from pipeline.sectionkeys import settle_keys
    from pipeline.stages.reconcile import _items_of
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Technician", gap=True), bold("Contract"),
                           L("Appointment will be on the basis of a three-year definite duration contract, which may be "
                             "followed by a further contract. Entry on duty is planned for 1 July 2026.", gap=True),
                           L("A serving staff member of the Agency or of another coordinated organisation will be offered "
                             "a contract under the rules that apply to him or her.", gap=True),
                           bold("Salary and benefits"), L("– A basic monthly salary of €5,112.44."),
                           L("– Thirty working days of annual leave.")], "en")
    assert [s.key for s in parsed.sections] == ["header", "offer", "offer"]
    doc = Document(name="x.pdf", data=b"")
    doc.parsed = {"en": parsed}
    settle_keys(doc.parsed)
    assert [it.text for it in _items_of(doc, "en", "offer")] == ["A basic monthly salary of €5,112.44.",
                                                                 "Thirty working days of annual leave."]


def test_a_deadline_takes_the_citys_zone_the_other_language_names():
    from pipeline.model import Value
    from pipeline.stages.reconcile import _city_zone

    cest = Value({"date": "2026-04-30", "time": "18:00", "timezone": "CET"}, "30/04/2026, 18.00 hrs (CEST)", [])
    paris = Value({"date": "2026-04-30", "time": "18:00", "timezone": "Europe/Paris"}, "18 h 00 (heure de Paris)", [])
    london = Value({"date": "2026-04-30", "time": "18:00", "timezone": "Europe/London"}, "18:00 UK time", [])
    later = Value({"date": "2026-04-30", "time": "19:00", "timezone": "Europe/Paris"}, "19 h (heure de Paris)", [])
    assert _city_zone(cest, [paris]).value["timezone"] == "Europe/Paris"
    assert _city_zone(cest, [london]).value["timezone"] == "CET"  # another offset: another moment
    assert _city_zone(cest, [later]).value["timezone"] == "CET"


def test_a_group_name_with_a_speck_over_an_item_whose_marker_a_scan_lost_is_no_heading():
    from pipeline.stages.sections import parse_stream

    body = [placed("– A diploma in museum technology.", 70), placed("Knowledge: f", 56),
            placed("– Knowledge of conservation.", 70), placed("Capacités :", 56),
            placed("ie Capacité de travailler avec précision.", 56), placed("– Capacité de soulever 20 kg.", 70)]
    parsed = parse_stream([L("Technician", gap=True), bold("ESSENTIAL QUALIFICATIONS")] + body, "en")
    assert [s.key for s in parsed.sections] == ["header", "essential"]


def test_a_titles_line_set_apart_that_goes_on_in_lower_case_is_the_titles_end():
    from pipeline.stages.sections import parse_stream

    first = L("Technicienne ou technicien en sciences halieutiques (évaluation des", y=60, h=11, gap=True)
    rest = L("stocks)", y=80, h=13, gap=True)  # a bracket is taller than the words: the scan's OCR set it apart
    parsed = parse_stream([first, rest, L("Numéro de concours : FJ-HFX-26-0420", y=110, gap=True),
                           L("Lieu d'affectation : Halifax", y=124)], "fr")
    assert " ".join(ln.text for ln in parsed.title) == \
        "Technicienne ou technicien en sciences halieutiques (évaluation des stocks)"


def test_a_name_with_a_hyphenated_word_and_one_printed_only_inside_a_longer_defined_name():
    from pipeline import orgs

    text = "The Euro-Mediterranean Agency for Aerial Firefighting (EMAAF) protects the forests of seven States."
    assert orgs.find([text], [], "en")[0] == "Euro-Mediterranean Agency for Aerial Firefighting"
    assert orgs.find(["Cross-Border University of the Ardennes is a public university."], [], "en")[0] == \
        "Cross-Border University of the Ardennes"
    fr = ["L'Agence euro-méditerranéenne de lutte aérienne contre les feux de forêt (AEMLAF) protège les forêts.",
          "L'Agence applique une politique d'égalité des chances."]
    assert orgs.find(fr, [], "fr")[0] == "Agence euro-méditerranéenne de lutte aérienne contre les feux de forêt"
    text = "L'Agence alliée de soutien au transport aérien stratégique (ASASA) a été créée en 2009."
    assert orgs.find([text], [], "fr")[0] == "Agence alliée de soutien au transport aérien stratégique"
    texts = ["Trait d'Union Migrations (TUM) is a small NGO.", "Join Trait d'Union Migrations today."]
    assert orgs.find(texts, [], "en")[0] == "Trait d'Union Migrations"


def test_a_running_header_names_the_body_in_each_language_and_not_in_the_other():
    from pipeline import orgs

    header = ["Flyways Convention Secretariat · Secrétariat de la Convention des voies de migration · Fribourg"]
    assert orgs.find([], header, "en") == ("Flyways Convention Secretariat", True)
    assert orgs.find([], header, "fr") == ("Secrétariat de la Convention des voies de migration", True)
    header = ["IFEM · Intergovernmental Forum on Energy and Mobility · Vacancy IFEM/2026/075"]
    text = "Le Forum intergouvernemental sur l'énergie et la mobilité (FIEM) réunit trente pays."
    assert orgs.find([text], header, "fr")[0] == "Forum intergouvernemental sur l'énergie et la mobilité"


def test_a_sentence_or_a_numbered_heading_that_starts_with_a_label_is_no_field():
    from pipeline.stages.sections import parse_stream

    assert field_match("Poste ouvert exclusivement aux ressortissants des nations participantes.", "fr") is None
    assert field_match("1. PLACE DU POSTE DANS L'ORGANISATION", "fr") is None
    assert field_match("Poste Technicien principal", "fr").value == "Technicien principal"
    lines = [L("Aircraft Technicians", gap=True, h=16), L("Reference: MTS/26/07", gap=True),
             L("To keep them flying all summer, we are recruiting six licensed technicians on a six-month seasonal",
               gap=True),
             L("contract (1 June to 30 November 2026), full-time in shifts. The posts are graded B-4.", y=112)]
    parsed = parse_stream(lines, "en")
    assert parsed.field("contract") is None and parsed.field("reference").match.value == "MTS/26/07"


def test_a_label_of_one_language_outweighs_the_place_names_of_its_value():
    from pipeline.model import Document
    from pipeline.options import Options
    from pipeline.stages import language

    texts = ["Senior Technician (Maintenance Planning)",
             "Technicien principal / Technicienne principale (planification de la maintenance)",
             "Vacancy notice: ASASA/VN/26-0231", "Avis de vacance : ASASA/VN/26-0231",
             "Organisational element: Maintenance Planning Section, Fleet Engineering Division",
             "Entité organisationnelle : Section de la planification de la maintenance, Division de l'ingénierie",
             "Post location: Blagnac (Toulouse), France", "Lieu d'affectation : Blagnac (Toulouse), France",
             "NATO grade: B-5", "Grade OTAN : B-5", "Security clearance required: NATO CONFIDENTIAL",
             "Habilitation de sécurité requise : CONFIDENTIEL OTAN"]
    doc = Document(name="x", data=b"")
    doc.lines = [L(t, y=60 + 14 * n, gap=n in (0, 2)) for n, t in enumerate(texts)]
    language.run(doc, Options())
    assert [ln.lang for ln in doc.lines] == ["en", "fr"] * 6


def test_a_title_pair_whose_french_line_wraps_at_twelve_words():
    from pipeline.stages.language import evidence, _titles

    lines = [L("Programme Officer – Flyway Monitoring and Data", gap=True),
             L("Chargé ou chargée de programme – Suivi des voies de migration et"), L("données"),
             L("Vacancy announcement / Avis de vacance VA-FLY-2026-0612", gap=True)]
    scores, _ = evidence(lines)
    _titles(lines, scores)
    assert scores[0] > 0 and scores[1] < 0 and scores[2] < 0


def test_a_publication_date_is_no_title_and_a_header_acronym_names_the_body_it_defines():
    from pipeline import orgs

    m = field_match("Posted: April 6, 2026. Open to internal and external applicants.", "en", colon_only=True, guess=True)
    assert m.name == "posted"
    assert field_match("Poste : Hydrologue principal", "fr", colon_only=True, guess=True).name == "title"
    header = ["OHBK - Secrétariat exécutif - Direction de l'administration et des ressources humaines"]
    texts = ["L'Observatoire hydrologique du bassin de la Koulé (OHBK) est un organisme intergouvernemental.",
             "Son Secrétariat exécutif, dont le siège est à Bobo-Dioulasso, s'appuie sur un réseau de stations.",
             "Le Secrétaire exécutif de l'Observatoire hydrologique du bassin de la Koulé lance un appel."]
    assert orgs.find(texts, header, "fr")[0] == "Observatoire hydrologique du bassin de la Koulé"
    # (not a unit's code in a reference: "OIOE/2026/0340")
    texts = ["The Danube Energy Security Organization (DESO) has 12 member States. DESO is in Vienna.",
             "The Office of Internal Oversight and Evaluation (OIOE) provides independent oversight."]
    assert orgs.find(texts, ["OIOE/2026/0340 – 1/4"], "en")[0] == "Danube Energy Security Organization"
    header = ["EUROPEAN CULTURAL PROPERTY REGISTRY  |  REGISTRE EUROPÉEN DES BIENS CULTURELS"]
    texts = ["The European Cultural Property Registry (ECPR) was set up in 2004."]
    assert orgs.find(texts, header, "en")[0] == "European Cultural Property Registry"


def test_a_letterhead_and_a_reference_above_the_title():
    from pipeline.stages.sections import parse_stream

    lines = [L("OBSERVATOIRE HYDROLOGIQUE DU BASSIN DE LA KOULÉ", gap=True),
             L("AVIS DE VACANCE DE POSTE N° OHBK/SE/AVP/2026-0158", gap=True),
             L("Hydrologue principal(e) chargé(e) de la prévision des crues", gap=True, h=14),
             L("Structure de rattachement : Département de la prévision", gap=True), L("Classement : P4"),
             L("Le Secrétaire exécutif de l'Observatoire lance un appel à candidatures.", gap=True),
             L("1. PRÉSENTATION DE L'OBSERVATOIRE", gap=True), L("L'Observatoire est un organisme.", gap=True),
             L("2. ATTRIBUTIONS", gap=True), L("1) Produire les prévisions.")]
    parsed = parse_stream(lines, "fr")
    assert [ln.text for ln in parsed.title] == ["Hydrologue principal(e) chargé(e) de la prévision des crues"]
    assert parsed.field("grade").match.value == "P4" and parsed.field("unit").match.value.startswith("Département")


def test_a_figure_in_brackets_a_line_wrap_put_first_is_no_item_number():
    intro, items = lists.parse([
        placed("1) Justifier d'une expérience professionnelle d'au moins dix (10) ans dans le domaine, dont cinq", 70),
        placed("(5) ans au moins dans la prévision hydrologique opérationnelle.", 100),
        placed("2) Avoir une expérience confirmée des modèles hydrologiques.", 70)])
    assert [it.text for it in items] == [
        "Justifier d'une expérience professionnelle d'au moins dix (10) ans dans le domaine, dont cinq (5) ans au "
        "moins dans la prévision hydrologique opérationnelle.", "Avoir une expérience confirmée des modèles hydrologiques."]


def test_facts_in_prose_a_band_a_figure_after_a_duration_and_a_period_of_work():
    from pipeline import prose
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    assert prose.facts("The position is evaluated at Band 7 of the unionized salary schedule.", "en")["grade"] == "Band 7"
    assert prose.facts("recruté(e) sous contrat à durée déterminée de quatre (4) ans.", "fr")["contract"] == \
        "contrat à durée déterminée de quatre (4) ans"
    lines = [L("Trail Surveyors", gap=True, h=16), L("Reference: EHPR/26/04", gap=True),
             L("We are recruiting four surveyors. The work is full-time, from 1 June to 30 September 2026.", gap=True)]
    assert read(parse_stream(lines, "en"), "en")["start"].text == "1 June 2026"
    lines = [L("Arpenteurs", gap=True, h=16), L("Référence : EHPR/26/04", gap=True),
             L("Les candidatures sont reçues du 1er mars au 31 mars 2026.", gap=True)]
    assert "start" not in read(parse_stream(lines, "fr"), "fr")
    lines = [L("Hydrologue", gap=True, h=16), L("Référence : OHBK/26", gap=True),
             L("La prise de fonctions est prévue au cours du troisième trimestre 2026.", gap=True),
             L("Il devrait prendre ses fonctions le 1er juillet 2026.", gap=True)]
    assert read(parse_stream(lines, "fr"), "fr")["start"].text == "troisième trimestre 2026"
    assert read(parse_stream(lines[:2] + lines[3:], "fr"), "fr")["start"].text == "1er juillet 2026"


def test_scan_scraps_a_header_cut_by_skew_a_footnote_star_read_as_a_quote_and_a_speck_between_paragraphs():
    pages = [PageInfo(number=n, width=595, height=842) for n in (1, 2, 3)]
    per_page = {n: [L("ASASA - Vacancy Notice / Avis de vacance ASASA/VN/26-0231", n, 30),
                    L(f"Body text of page {n} here.", n, 300, True)] for n in (1, 2, 3)}
    per_page[3][0:1] = [L("ASASA", 3, 30), L("- Vacancy Notice / Avis de vacance ASASA/VN/26-0231", 3, 31)]
    removed = remove_furniture(pages, per_page)
    assert "ASASA" in [ln.text for ln in removed] and [ln.text for ln in per_page[3]] == ["Body text of page 3 here."]
    intro, items = lists.parse([placed("+ Experience in hydraulic modelling of rivers.", 72, True),
                                placed("+ Experience in preparing technical reports.", 72, True),
                                placed("“On entend par expérience appréciable la profondeur de l'expérience.", 57, True)])
    assert [it.text for it in items] == ["Experience in hydraulic modelling of rivers.",
                                         "Experience in preparing technical reports."]
    long = ("Appointment will be on the basis of a three-year definite duration contract, which may be followed by a "
            "further contract. Entry on duty is planned for 1 July 2026.")
    other = ("A serving international civilian staff member of the Agency or of another coordinated organisation "
             "will be offered a contract in accordance with the regulations that apply to him or her.")
    _, paras = lists.parse([placed(long, 55, True), placed("FAS", 290, True), placed(other, 61, True)])
    assert lists.paragraphs(paras)


def test_a_title_in_both_gender_forms_is_one_language_not_a_pair():
    from pipeline.bilingual import _heading_pair

    line = L("Technicien principal / Technicienne principale (planification de la maintenance)", gap=True)
    assert _heading_pair(line, "en") is None
    assert heading_key("Pourquoi se joindre à nous?", "fr") == "offer"
    assert heading_key("Accréditation professionnelle", "fr") == "qualification"


def test_a_first_bullet_read_as_a_quote_left_of_its_sub_items_stays_a_bullet():
    intro, items = lists.parse([placed('" Assist in the planning of sessions, in particular by:', 71, True),
                                placed("— liaising with host country authorities;", 89, True),
                                placed("— preparing room allocation plans.", 89, True)])
    assert [it.text for it in items] == ["Assist in the planning of sessions, in particular by:"]
    assert [c.text for c in items[0].children] == ["liaising with host country authorities;",
                                                   "preparing room allocation plans."]


def test_a_letter_c_a_dirty_scan_reads_as_a_euro_sign_is_still_a_marker():
    intro, items = lists.parse([placed("a) Experience of work in an international environment.", 70, True),
                                placed("b) Experience of committee secretariats.", 70, True),
                                placed("€) Familiarity with European Union legislation on inland navigation.", 70, True)])
    assert [it.text for it in items][2] == "Familiarity with European Union legislation on inland navigation."
    assert lists.marker("€ 5,000 per month").style is None


def test_a_block_tesseract_read_after_a_heading_below_it_goes_before_the_heading():
    from pipeline.stages.layout import _blocks_in_order

    page = PageInfo(number=1, width=595, height=842)

    def w(text, x, y, group):
        return Word(text, BBox(x, y, x + 60, y + 10), page=1, group=group)

    groups = {(1, 1, 1): [w("PROFILE", 61, 572, (1, 1, 1))],                   # read first, but below the items
              (2, 1, 1): [w("Organize", 85, 494, (2, 1, 1)), w("workshops.", 150, 494, (2, 1, 1))],
              (2, 2, 1): [w("Perform", 86, 542, (2, 2, 1)), w("duties.", 150, 542, (2, 2, 1))],
              (3, 1, 1): [w("Advanced", 75, 600, (3, 1, 1)), w("degree.", 140, 600, (3, 1, 1))]}
    assert _blocks_in_order(groups, page) == [(2, 1, 1), (2, 2, 1), (1, 1, 1), (3, 1, 1)]
    # two columns side by side keep tesseract's order: the right one is no block above the left one
    columns = {(1, 1, 1): [w("English", 50, 400, (1, 1, 1))], (2, 1, 1): [w("Français", 320, 100, (2, 1, 1))]}
    assert _blocks_in_order(columns, page) == [(1, 1, 1), (2, 1, 1)]


def test_the_first_numbered_heading_in_capitals_over_lettered_items_is_a_heading_on_a_scan():
    from pipeline.stages.sections import parse_stream

    lines = [L("EMAAF - RECRUITMENT CAMPAIGN 2026", gap=True), L("Six technicians are recruited for the season."),
             placed("1. ON THE FLIGHT LINE", 54, True), placed("a. Carry out line maintenance.", 68, True),
             placed("b. Turn aircraft around between missions.", 68, True),
             placed("2. YOUR PROFILE", 56, True), placed("a. A valid licence.", 70, True)]
    got = [(s.key, [ln.text for ln in s.heading]) for s in parse_stream(lines, "en").sections]
    assert got[-2:] == [("other", ["1. ON THE FLIGHT LINE"]), ("essential", ["2. YOUR PROFILE"])]
    # a numbered item over its lettered sub-items, with no "2." heading in capitals after it, stays an item
    items = [L("Duties", gap=True), placed("1. MAINTAIN THE FLEET", 54, True), placed("a. Inspect aircraft.", 68, True),
             placed("2. Keep records up to date.", 54, True)]
    assert [s.key for s in parse_stream(items, "en").sections] == ["tasks"]


@pytest.mark.parametrize("line, ref, title", [
    ("Competition 26-ADM-0281: Research Security Advisor", "26-ADM-0281", "Research Security Advisor"),
    ("Vacancy Announcement – Senior Treasury Assistant", None, "Senior Treasury Assistant"),
    ("Mise au concours – Actuaire-analyste en risques naturels", None, "Actuaire-analyste en risques naturels"),
    ("Avis de vacance n° e31/2026 : Juriste", "e31/2026", "Juriste"),
    ("Vacancy notice: VN/SOD/0157/26", None, None),          # a reference, no title
    ("Research Services – Planning Unit", None, None),        # no notice's name in front
])
def test_a_title_line_that_opens_with_the_notices_name_gives_the_title(line, ref, title):
    from pipeline.lexicon import title_prefix
    from pipeline.stages.sections import parse_stream

    assert title_prefix(line) == (None if title is None else (ref, title))
    if title:
        parsed = parse_stream([L(line, gap=True), L("Grade: A2", gap=True)], "fr" if "concours" in line or "Avis" in line else "en")
        assert parsed.field("title").match.value == title
        assert (parsed.field("reference").match.value if ref else None) == ref


@pytest.mark.parametrize("lang, sentence, want", [
    ("en", "The successful candidate is expected to start as soon as possible.", "as soon as possible"),
    ("fr", "L'entrée en fonction est prévue dès que possible.", "dès que possible"),
    ("en", "Entry on duty is foreseen for Q3 2026.", "Q3 2026"),
    ("fr", "L'entrée en fonction est prévue au troisième trimestre 2026.", "troisième trimestre 2026"),
    ("en", "The expected date of entry on duty is 1 September 2026.", "1 September 2026"),
    ("en", "The successful candidate is expected to take up the post in September 2026.", "September 2026"),
    ("en", "It is to be filled on a full-time basis in the third quarter of 2026.", "third quarter of 2026"),
    ("fr", "Il est à pourvoir à temps plein au cours du troisième trimestre 2026.", "troisième trimestre 2026"),
    ("fr", "Le poste est à pourvoir à compter du 1er septembre 2026.", "1er septembre 2026"),
    ("en", "The expected start date is early May 2026.", "early May 2026"),
])
def test_a_start_in_running_text_a_date_a_quarter_or_as_soon_as_possible(lang, sentence, want):
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Officer", gap=True), bold("Conditions"), L(sentence, gap=True)], lang)
    assert read(parsed, lang)["start"].value == want


def test_status_and_required_clearance_labels_and_a_deadline_after_a_web_address():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Advisor", gap=True), L("Status: Term, 24 months, with possibility of renewal", gap=True),
                           L("Security clearance required: Secret"), bold("To apply"),
                           L("Please submit your application through the portal at https://careers.example.ca/26-ADM-0281 by 12 noon (ET) "
                             "on Friday, April 10, 2026.", gap=True)], "en")
    got = read(parsed, "en")
    assert got["contract"].value == "Term, 24 months, with possibility of renewal"
    assert got["clearance"].value == "Secret"
    assert got["deadline"].value == {"date": date(2026, 4, 10), "time": "12:00", "timezone": "America/Toronto"}
    parsed = parse_stream([L("Conseiller", gap=True), L("Statut : Poste contractuel de 24 mois", gap=True),
                           L("Habilitation exigée : NATO SECRET"), bold("Pour postuler"),
                           L("Postulez au plus tard le vendredi 10 avril 2026 à midi (HE).", gap=True)], "fr")
    got = read(parsed, "fr")
    assert (got["contract"].value, got["clearance"].value) == ("Poste contractuel de 24 mois", "NATO SECRET")
    assert got["deadline"].value["timezone"] == "America/Toronto"


def test_a_place_a_few_words_after_based_a_unit_under_a_place_label_and_a_french_acronym_of_hyphenated_words():
    from pipeline import orgs, prose
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    assert prose.facts("The post is based at the Board's seat in Florence, Italy, and involves missions.", "en") == \
        {"location": "Florence, Italy"}
    assert prose.facts("Le poste est basé au siège du Conseil, à Florence (Italie), et comporte des missions.", "fr") == \
        {"location": "Florence (Italie)"}
    assert "location" not in prose.facts("Selection is based on experience in Canada.", "en")
    assert prose.facts("Le poste est basé à notre siège d'Issy-les-Moulineaux (Hauts-de-Seine), aux portes de Paris.",
                       "fr") == {"location": "Issy-les-Moulineaux (Hauts-de-Seine)"}
    parsed = parse_stream([L("Chargé de programme", gap=True),
                           L("Affectation : Division de l'accréditation, Direction des programmes", gap=True)], "fr")
    got = read(parsed, "fr")
    assert got["unit"].value == "Division de l'accréditation, Direction des programmes" and "location" not in got
    text = "Le Conseil européen d'accréditation en conservation-restauration (CEACR) a été institué en 2009."
    assert "Conseil européen d'accréditation en conservation-restauration" in orgs._names(text, "fr")


def test_a_field_in_a_section_of_details_goes_on_at_its_wrapped_line():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Conseiller", gap=True), bold("RENSEIGNEMENTS SUR LE POSTE"),
                           L("Unité de rattachement : Services de la recherche, Bureau du vice-recteur à la", gap=True),
                           L("recherche et à l'innovation"), L("Entité d'affectation : Direction technique")], "fr")
    got = read(parsed, "fr")
    assert got["unit"].value == "Services de la recherche, Bureau du vice-recteur à la recherche et à l'innovation"
    assert field_match("Entité d'affectation : Direction technique", "fr").name == "unit"


def _scanned(text, y, height, x=53.0, gap=True):
    """A line as OCR boxes it: each word as tall as the parts of an 11-point body (``height``: the x-height's
    share) its letters reach."""
    words, cx = [], x
    for t in text.split():
        tall = any(c in "bdfhklti" or c.isupper() or c.isdigit() or c in "éèêàç" for c in t)
        deep = any(c in "gjpqyç" for c in t)
        h = height * (0.93 if tall and deep else 0.72 if tall or deep else 0.5)
        words.append(Word(t, BBox(cx, y, cx + 6 * len(t), y + h), page=1))
        cx += 6 * len(t) + 4
    return Line(words=words, page=1, text=text, gap_before=gap)


def test_a_scans_short_line_in_the_type_of_its_known_headings_is_a_heading():
    from pipeline.stages.sections import find_headings

    body = "Des renseignements complémentaires sur le poste peuvent être obtenus auprès du chef du Service."
    lines, y = [], 60.0
    for head in ("Vos responsabilités principales", "Ce que nous vous offrons", "Renseignements", "Postulation"):
        lines.append(_scanned(head, y, 11.0))
        for n in range(6):
            lines.append(_scanned(body, y + 14 * (n + 1), 10.0, gap=n == 0))
        y += 120
    assert abs(lines[1].type_size - 10.0) < 0.01 and abs(lines[0].type_size - 11.0) < 0.01
    got = [(lines[a].text, key) for a, _, key, _ in find_headings(lines, "fr")]
    assert got == [("Vos responsabilités principales", "tasks"), ("Ce que nous vous offrons", "offer"),
                   ("Renseignements", "other"), ("Postulation", "process")]
    # in the body's type it is a one-line paragraph, not a heading
    lines[14] = _scanned("Renseignements", lines[14].bbox.y0, 10.0)
    assert "Renseignements" not in [lines[a].text for a, _, _, _ in find_headings(lines, "fr")]


def test_a_posters_header_wrapped_values_a_casual_contract_a_title_suffix_and_an_office_of_a_city():
    from pipeline import orgs
    from pipeline.lexicon import title_suffix
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("PERSONNEL ÉLECTORAL RECHERCHÉ", gap=True),
                           L("Type d'emploi : occasionnel, pour la période électorale", gap=True), L("seulement"),
                           L("Lieux de travail : bureaux de vote des 12 quartiers de"), L("Port-Lachance (Ontario)"),
                           L("Le Bureau du greffier recrute près de 400 personnes. Joignez-vous à notre", gap=True),
                           L("équipe! L'entrée en fonction se fait le 21 septembre 2026, date à laquelle"),
                           L("débutent les séances.")], "fr")
    got = read(parsed, "fr")
    assert got["title"].value == "PERSONNEL ÉLECTORAL"
    assert got["contract"].value == "occasionnel, pour la période électorale seulement"
    assert got["location"].value == "bureaux de vote des 12 quartiers de Port-Lachance (Ontario)"
    assert "unit" not in got and got["start"].value == "21 septembre 2026"  # a line going on a sentence is no label
    assert field_match("Type of work: Casual, for the election period only", "en", guess=True).name == "contract"
    assert field_match("Type d'emploi : temps plein", "fr").name == "schedule"
    assert title_suffix("ELECTION WORKERS WANTED") == "ELECTION WORKERS" and title_suffix("Wanted") == "Wanted"
    parsed = parse_stream([L("Election Workers", gap=True),
                           L("Join our team! Your work starts on September 21, 2026, when training begins.", gap=True)], "en")
    assert read(parsed, "en")["start"].value == "September 21, 2026"
    assert orgs.part_of("Office of the City Clerk of the City of Port-Lachance", "en") == \
        ("Office of the City Clerk", "City of Port-Lachance")
    assert orgs.part_of("Bureau du greffier municipal de la Ville de Port-Lachance", "fr") == \
        ("Bureau du greffier municipal", "Ville de Port-Lachance")
    assert orgs.part_of("European Patent Office", "en") is None


def test_a_table_row_whose_label_and_value_give_the_other_language_in_brackets():
    from pipeline.bilingual import split_bilingual

    line = _row([(60, "Lieu de travail (Place of work)"), (300, "Genève, Suisse (Geneva, Switzerland)")], 100)
    assert [(ln.lang_hint, ln.text) for ln in split_bilingual(line)] == [
        ("fr", "Lieu de travail : Genève, Suisse"), ("en", "Place of work: Geneva, Switzerland")]
    line = _row([(60, "Délai de postulation (Apply by)"), (300, "17 avril 2026, 12 h (17 April 2026, 12 noon")], 100)
    assert [ln.text for ln in split_bilingual(line)] == ["Délai de postulation : 17 avril 2026, 12 h",
                                                         "Apply by: 17 April 2026, 12 noon"]
    # a bracketed acronym is no translation
    line = _row([(60, "Rattachement"), (300, "Division de la gestion de l'information (DGI)")], 100)
    assert len(split_bilingual(line)) == 1


def test_a_title_pair_whose_english_line_opens_with_the_notices_name():
    from pipeline.model import Document
    from pipeline.options import Options
    from pipeline.stages import language

    doc = Document(name="x", data=b"")
    texts = ["Mise au concours – Chargé·e de gestion de l'information géospatiale",
             "Job vacancy: Geospatial Information Management Officer",
             "La Fondation genevoise pour l'information sur l'action contre les mines est une fondation de droit suisse.",
             "Elle développe et met gratuitement à la disposition des autorités nationales les outils et les normes.",
             "The Geneva Mine Action Information Trust is a non-profit foundation under Swiss law, established in 2004.",
             "It develops the tools, standards and data that national authorities use to plan demining operations."]
    doc.lines = [L(t, y=60 + 14 * n, gap=n in (0, 2, 4)) for n, t in enumerate(texts)]
    language.run(doc, Options())
    assert [ln.lang for ln in doc.lines[:2]] == ["fr", "en"]


def test_the_terms_an_offer_states_under_labels_above_its_list_are_fields():
    from pipeline.stages.fields import read
    from pipeline.stages.sections import parse_stream

    parsed = parse_stream([L("Grants Programme Officer", gap=True), bold("6. TERMS OF APPOINTMENT"),
                           L("Place of work: Vila Nova de Gaia (Porto), Portugal", gap=True),
                           L("Type of engagement: Fixed-term contract of 24 months, renewable"), L("Grade: T-4, step 1"),
                           L("The Trust also offers:", gap=True), L("– Leave: twenty-five working days a year;"),
                           L("– a supplementary health insurance scheme.")], "en")
    got = read(parsed, "en")
    assert (got["location"].value, got["contract"].value, got["grade"].value) == (
        "Vila Nova de Gaia (Porto), Portugal", "Fixed-term contract of 24 months, renewable", "T-4")
    assert "Leave" not in [h.match.label for hits in parsed.fields.values() for h in hits]


def test_a_unit_of_a_division_whose_name_has_and_a_french_acronym_over_contre_and_annual_salary_labels():
    from pipeline import orgs, prose

    assert prose.facts("The post is located in the Landscapes Fund Unit of the Grants and Programmes Division.",
                       "en")["unit"] == "Landscapes Fund Unit of the Grants and Programmes Division"
    text = "La Fondation genevoise pour l'information sur l'action contre les mines (FGIAM) est une fondation."
    assert "Fondation genevoise pour l'information sur l'action contre les mines" in orgs._names(text, "fr")
    assert field_match("Traitement de base annuel : 93 217,56 €", "fr", colon_only=True).name == "salary"
    assert field_match("Gross monthly salary: €3,412.50", "en", colon_only=True).name == "salary"


def test_two_columns_tesseract_read_straight_across_are_cut_at_their_gutter_and_read_in_turn():
    from pipeline.stages.layout import _split_columns

    page = PageInfo(number=2, width=595, height=842)

    def words(text, x, y):
        return [Word(t, BBox(x + 40 * i, y, x + 40 * i + 34, y + 9), page=2) for i, t in enumerate(text.split())]

    left = "a database of project costs and prices fed by registries".split()
    right = "une base de données sur les coûts des projets".split()
    lines = []
    for n in range(12):  # each row holds both columns' words, as tesseract read them
        y = 60 + 14 * n
        lines.append(Line(words=words(" ".join(left[:6]), 56, y) + words(" ".join(right[:6]), 320, y), page=2))
    got = _split_columns(lines, page)
    assert len(got) == 24 and all(ln.bbox.x1 < 300 for ln in got[:12]) and all(ln.bbox.x0 > 300 for ln in got[12:])
    # a paragraph across the page: no gutter, the lines stay as they are
    wide = [Line(words=words("word " * 13, 56, 60 + 14 * n), page=2) for n in range(12)]
    assert _split_columns(wide, page) is wide


def test_a_unit_named_after_its_directorate_in_running_text():
    from pipeline import prose

    assert prose.facts("This post sits in the Policy and Finance Directorate, Carbon Markets Unit, which advises.",
                       "en")["unit"] == "Policy and Finance Directorate, Carbon Markets Unit"
    assert prose.facts("Le poste relève de la Direction des politiques et du financement, Unité des marchés du carbone, "
                       "qui conseille les pays membres.", "fr")["unit"] == \
        "Direction des politiques et du financement, Unité des marchés du carbone"
    # the whole a unit is attached to is no unit
    assert "unit" not in prose.facts("Le poste est rattaché à la Direction des finances.", "fr")
