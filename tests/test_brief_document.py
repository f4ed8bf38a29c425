"""The brief as a document for sign-off: Markdown and PDF (text extracted with pypdf), Russian and English."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from smmkpi import brief, brief_document
from smmkpi.brief import Baseline, PlanRow
from smmkpi.brief_document import BriefDocument

ANSWERS = brief.normalize_answers({
    "company": "Кофейня «Обжарка»", "product": "Спешелти-кофе собственной обжарки",
    "average_order_value": 900, "margin_percent": 45, "sales_cycle": "weeks", "impact": ["leads"],
    "networks": ["vk", "telegram"], "accounts": ["vk/obzharka_coffee"],
    "goals": [{"name": "Заявка на кофе-брейк", "type": "form", "metrica_id": "corporate_form"}],
    "budget_ads": 50_000, "budget_fee": 60_000, "response_minutes": 60,
    "report_recipients": "director@obzharka.example",
})  # fmt: skip
ROWS = [PlanRow("2026-12", "all", "reach", 451_100.0), PlanRow("2027-01", "all", "reach", 465_200.0),
        PlanRow("2026-12", "all", "cpl", 1_126.0), PlanRow("2026-12", "vk", "posts", 40.0)]  # fmt: skip
REASONS = {"cpl": [brief.Reason("lower_is_better")]}


def document(**overrides) -> BriefDocument:
    base = dict(client="Кофейня «Обжарка»", title="SMM-бриф", workspace="Demo", answers=ANSWERS,
                prepared_on=dt.date(2026, 11, 30), rows=ROWS, reasons=REASONS, version=2,
                saved_at=dt.datetime(2026, 11, 29, 9, 0, tzinfo=dt.UTC), saved_by="local user",
                baseline=Baseline(dt.date(2026, 9, 1), dt.date(2026, 11, 29), {"reach": 1.0}))  # fmt: skip
    return BriefDocument(**{**base, **overrides})


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Whitespace-insensitive text (PDF extraction breaks lines and turns no-break spaces into spaces)."""
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_the_markdown_document_has_the_answers_the_consequences_and_the_plan():
    text = brief_document.brief_markdown(document(), "ru")
    assert text.startswith("# SMM-бриф: Кофейня «Обжарка»\n")
    assert "- **Продукт или услуга:** Спешелти-кофе собственной обжарки" in text
    assert "- **Средний чек, ₽:** 900\u00a0₽" in text
    assert "- **Сколько обычно длится сделка:** Недели" in text
    assert "продажи отстают от охвата и заявок на месяц" in text  # what "weeks" means for the plan
    assert "| Заявка на кофе-брейк | Заявка с формы | corporate_form | — | — |" in text  # not given: "—"
    assert "- **Аккаунты, которые уже есть в smmkpi:** ВКонтакте: obzharka_coffee" in text
    assert "- **Бюджет в месяц, всего:** 110\u00a0000\u00a0₽" in text
    assert "| Показатель | дек. 2026 | янв. 2027 |" not in text  # full month names in the document
    assert "| Охват | 451\u00a0100 | 465\u00a0200 |" in text
    assert "| Публикации (ВКонтакте) | 40 | — |" in text  # no target is "—", never 0
    assert "Версия плана 2 от 29 ноября 2026, сохранил(а): локальный пользователь." in text
    assert "- **Цена лида:** Чем меньше, тем лучше: выполнение плана = план / факт." in text
    assert text.rstrip().endswith("Исполнитель: ______________________ (подпись, дата)")


def test_an_unsaved_plan_is_marked_as_a_draft_and_a_missing_answer_as_a_dash():
    text = brief_document.brief_markdown(document(version=None, saved_at=None, saved_by=None), "en")
    assert "Plan draft — not saved yet." in text
    assert "- **Competitors to watch (links):** —" in text
    assert "No plan yet." in brief_document.brief_markdown(document(rows=[]), "en")


def test_the_pdf_text_contains_the_answers_in_russian():
    data = brief_document.brief_pdf(document(), "ru")
    assert data.startswith(b"%PDF-")
    text = squash(pdf_text(data))
    for expected in ("SMM-бриф: Кофейня «Обжарка»", "Спешелти-кофе собственной обжарки", "Заявка на кофе-брейк",
                     "corporate_form", "director@obzharka.example", "50 000 ₽", "KPI-план", "Охват", "451 100",
                     "Цена лида", "1 126 ₽", "Согласовано"):  # fmt: skip
        assert expected in text, expected


def test_the_pdf_in_english_names_the_same_brief():
    text = squash(pdf_text(brief_document.brief_pdf(document(), "en")))
    for expected in ("SMM brief: Кофейня «Обжарка»", "Average order value, RUB", "RUB 900", "Заявка на кофе-брейк Form corporate_form",
                     "KPI plan", "Reach", "451,100", "Agreed"):  # fmt: skip
        assert expected in text, expected


def test_the_file_stem_is_safe_for_mail_and_file_systems():
    assert brief_document.file_stem("Кофейня «Обжарка»") == "brief-Кофейня-Обжарка"
    assert brief_document.file_stem("") == "brief-client"


def test_the_pdf_goals_table_shows_dashes_and_keeps_ids_whole():
    goals = [{"name": "Заявка на кофе-брейк", "type": "form", "metrica_id": "corporate_coffee_form_sent",
              "ga4_id": "generate_lead_corporate"}]  # fmt: skip
    table = brief_document.goals_table(goals, "ru")
    assert table.rows == [["Заявка на кофе-брейк", "Заявка с формы", "corporate_coffee_form_sent",
                           "generate_lead_corporate", "—"]]  # fmt: skip
    answers = brief.normalize_answers({**ANSWERS, "goals": goals})
    text = pdf_text(brief_document.brief_pdf(document(answers=answers), "ru"))
    lines = [line.strip() for line in text.splitlines()]
    # each id is on one line, whole (a narrow column broke them mid-word)
    assert any("corporate_coffee_form_sent" in line for line in lines)
    assert any("generate_lead_corporate" in line for line in lines)
