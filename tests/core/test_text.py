"""core/text.py: the words of a text, for comparing texts. No database."""

from core.text import STOP_WORDS, tokens, words


def test_tokens_are_lower_case_in_order_without_stop_words():
    assert tokens("We need IoT sensors for the Buildings, co2 and C++ skills") == [
        "iot",
        "sensor",
        "building",
        "co2",
        "c++",
    ]


def test_short_words_and_numbers_are_not_tokens():
    assert tokens("an ox at 10 am, by 2025") == []


def test_light_stemming_only_of_longer_words():
    assert tokens("sensors bus gas cells") == ["sensor", "bus", "gas", "cell"]


def test_words_is_the_set_of_tokens():
    assert words("Sensors sensor SENSORS data") == {"sensor", "data"}
    assert words("") == set()


def test_partner_finding_words_are_stop_words():
    # What everyone seeking a partner writes says nothing about what they do.
    assert {"partner", "seeking", "looking", "experience", "skills"} <= STOP_WORDS
    assert tokens("Seeking partners with experience") == []
