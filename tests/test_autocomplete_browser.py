"""The job-title autocomplete works with the keyboard in a real browser."""

import pytest

from tests.conftest import assert_accessible, screenshot

pytestmark = pytest.mark.browser


def test_type_aide_soignant_and_pick_with_the_keyboard(desktop):
    desktop.goto("/metiers/")
    box = desktop.get_by_role("combobox", name="Quel métier ?")
    box.press_sequentially("aide soignant", delay=20)
    listbox = desktop.get_by_role("listbox")
    listbox.get_by_role("option").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert_accessible(desktop)
    screenshot(desktop, "autocomplete-aide-soignant")
    box.press("ArrowDown")
    first = listbox.get_by_role("option").first
    assert first.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("data-label") == "Aide-soignant / Aide-soignante"
    box.press("Enter")
    assert box.input_value() == "Aide-soignant / Aide-soignante"
    assert listbox.is_hidden()
    box.press("Enter")  # submits the form
    desktop.get_by_role("heading", name="Aide-soignant / Aide-soignante").wait_for()
    assert desktop.url.endswith("/metiers/J1501/")


def test_escape_closes_and_phone_can_tap(phone):
    phone.goto("/metiers/")
    box = phone.get_by_role("combobox", name="Quel métier ?")
    box.press_sequentially("cariste", delay=20)
    option = phone.get_by_role("option", name="Cariste", exact=True)
    option.wait_for()
    box.press("Escape")
    assert phone.get_by_role("listbox").is_hidden()
    box.press("ArrowDown")
    option.wait_for()
    option.tap()
    phone.get_by_role("button", name="Voir le métier").tap()
    phone.get_by_role("heading", name="Cariste").wait_for()
